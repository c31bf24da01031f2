package dev.llamachat.reliability.hostile

import dev.llamachat.ApiException
import dev.llamachat.BadRequestException
import dev.llamachat.InternalServerException
import dev.llamachat.LlamaCloudException
import dev.llamachat.LlamaCloudIoException
import dev.llamachat.LlamaCloudTimeoutException
import dev.llamachat.UnexpectedResponseException
import dev.llamachat.internal.ApiErrors
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.reliability.CANARY_KEY
import dev.llamachat.reliability.HANG_GUARD
import dev.llamachat.reliability.RawHttpServer
import dev.llamachat.reliability.testChat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.withTimeout

private val JSON = mapOf("Content-Type" to "application/json")

/**
 * Runs [call] on a client of [server] under the hang guard and returns what it threw. Each attempt may take half
 * the guard: these cases are about what fails, not how fast, and a loaded machine can take seconds per attempt.
 */
private suspend fun failureOf(server: RawHttpServer, maxRetries: Int = 0, call: suspend (LlamaCloudChat) -> Any?): Throwable =
    testChat(server.baseUrl) { this.maxRetries = maxRetries; requestTimeout = HANG_GUARD / 2 }.use { chat ->
        try {
            withTimeout(HANG_GUARD * (maxRetries + 1)) { call(chat) }
            throw AssertionError("the call succeeded")
        } catch (e: kotlinx.coroutines.TimeoutCancellationException) {
            throw AssertionError("the call hung", e)
        } catch (e: LlamaCloudException) {
            e
        }
    }

/**
 * Ordinary calls against broken or hostile servers, in a JVM with a 96 MB heap: error bodies are read only up to a
 * bound, nesting cannot overflow the stack, a redirect never carries the API key elsewhere, and a broken
 * connection is a typed exception.
 */
class HostileResponseSpec : FunSpec({
    context("huge bodies") {
        test("a huge error body is read only up to a bounded prefix, and the call fails at once") {
            RawHttpServer { ex ->
                ex.head(400, JSON)
                ex.write("{\"detail\":\"")
                ex.writeForever("too much ".repeat(1000).toByteArray())
            }.use { server ->
                val error = failureOf(server) { it.summary("ses-1") }.shouldBeInstanceOf<BadRequestException>()
                error.body!!.length shouldBeLessThanOrEqual ApiErrors.MAX_ERROR_BODY_CHARS
                error.message!!.length shouldBeLessThanOrEqual 1000
                // What socket buffers hold: the client stopped reading, so the server cannot send more.
                server.served.single().bytesWritten shouldBeLessThan 16L * 1024 * 1024
            }
        }
        test("a huge 500 body on a retried call is bounded on every attempt") {
            RawHttpServer { ex ->
                ex.head(500, mapOf("Content-Type" to "text/html"))
                ex.writeForever("<p>oops</p>".repeat(1000).toByteArray())
            }.use { server ->
                // Five calls of three attempts: a half-read connection must never hold up the next attempt until
                // the request timeout (it did in about one attempt in twenty before the response was cancelled).
                repeat(5) {
                    val error = failureOf(server, maxRetries = 2) { it.retrieve("ses-1") }.shouldBeInstanceOf<InternalServerException>()
                    error.body!!.length shouldBeLessThanOrEqual ApiErrors.MAX_ERROR_BODY_CHARS
                }
                // Three attempts per call at most; fewer reach this one-request-per-connection server when an attempt
                // lands on a pooled connection it has already closed (an I/O failure before the request was read,
                // which a retrieve retries), so only the bound is deterministic.
                server.requests.size shouldBeLessThanOrEqual 15
                server.requests.size shouldBeGreaterThanOrEqual 5
            }
        }
        test("a successful body that never ends is refused with a typed error, not an OutOfMemoryError") {
            RawHttpServer { ex ->
                ex.head(200, JSON)
                ex.write("{\"session_id\":\"ses-1\",\"events\":[")
                ex.writeForever("{\"type\":\"text_delta\",\"content\":\"padding padding padding\"},".repeat(100).toByteArray())
            }.use { server ->
                failureOf(server) { it.retrieve("ses-1") }.shouldBeInstanceOf<UnexpectedResponseException>().status shouldBe 200
            }
        }
    }

    context("bodies that are not what they claim") {
        test("deeply nested JSON in a success body is an UnexpectedResponseException, not a StackOverflowError") {
            RawHttpServer { ex ->
                ex.head(200, JSON)
                ex.write("{\"session_id\":\"ses-1\",\"index_ids\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}")
            }.use { server ->
                failureOf(server) { it.summary("ses-1") }.shouldBeInstanceOf<UnexpectedResponseException>()
            }
        }
        test("deeply nested JSON in an error body still gives the status's exception") {
            RawHttpServer { ex ->
                ex.head(400, JSON)
                ex.write("{\"detail\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}")
            }.use { server ->
                failureOf(server) { it.summary("ses-1") }.shouldBeInstanceOf<BadRequestException>()
            }
        }
        test("an HTML page with status 200 is an UnexpectedResponseException naming the content type") {
            RawHttpServer { ex ->
                ex.head(200, mapOf("Content-Type" to "text/html"))
                ex.write("<html>Sign in to the network</html>")
            }.use { server ->
                val error = failureOf(server) { it.create() }.shouldBeInstanceOf<UnexpectedResponseException>()
                error.contentType shouldBe "text/html"
                error.message!! shouldContain "text/html"
            }
        }
        test("a response whose headers never end fails with a typed error, not an OutOfMemoryError") {
            RawHttpServer { ex ->
                ex.write("HTTP/1.1 200 OK\r\nX-Padding: ")
                ex.writeForever("a".repeat(8192).toByteArray())
            }.use { server ->
                failureOf(server) { it.summary("ses-1") }.shouldBeInstanceOf<LlamaCloudIoException>()
            }
        }
        test("a status line that is not HTTP is a LlamaCloudIoException") {
            RawHttpServer { ex -> ex.write("SSH-2.0-OpenSSH_9.6\r\n\r\n") }.use { server ->
                failureOf(server) { it.summary("ses-1") }.shouldBeInstanceOf<LlamaCloudIoException>()
            }
        }
        test("a chunked JSON body cut before its end is a LlamaCloudIoException after the idempotent call's retries") {
            RawHttpServer { ex ->
                ex.head(200, JSON + ("Transfer-Encoding" to "chunked"))
                ex.write("10\r\n{\"session_id\":\"s\r\n") // one whole chunk of 16 bytes
                ex.write("100\r\nes-1\",\"title\":\"") // a chunk announced as 256 bytes, cut after 17
            }.use { server ->
                // Truncation is an I/O failure, retried for an idempotent call (ktor-transport's TruncationSpec proves
                // it on every engine); never a malformed answer.
                val error = failureOf(server, maxRetries = 2) { it.summary("ses-1") }.shouldBeInstanceOf<LlamaCloudIoException>()
                error.message!! shouldContain "(after 2 retries)"
                server.requests shouldHaveSize 3
            }
        }
        test("a response that never comes is a LlamaCloudTimeoutException after the request timeout") {
            RawHttpServer { ex -> ex.holdUntilClientLeaves() }.use { server ->
                val chat = testChat(server.baseUrl) { maxRetries = 0; requestTimeout = 300.milliseconds }
                chat.use { shouldThrow<LlamaCloudTimeoutException> { withTimeout(HANG_GUARD) { it.summary("ses-1") } } }
            }
        }
    }

    context("redirects") {
        for (otherHost in listOf("127.0.0.2", "localhost")) {
            test("a redirect to another host ($otherHost) is not followed: the key never reaches it") {
                RawHttpServer(otherHost) { ex ->
                    ex.head(200, JSON)
                    ex.write("{\"session_id\":\"ses-evil\"}")
                }.use { elsewhere ->
                    RawHttpServer { ex ->
                        ex.head(307, mapOf("Location" to elsewhere.baseUrl + ex.request.target))
                    }.use { server ->
                        val error = failureOf(server) { it.summary("ses-1") }.shouldBeInstanceOf<ApiException>()
                        error.status shouldBe 307
                        server.requests.single().header("authorization") shouldBe "Bearer $CANARY_KEY"
                        elsewhere.requests.shouldBeEmpty()
                    }
                }
            }
        }
        test("with a caller's own HttpClient that follows redirects, another host never gets the Authorization header") {
            RawHttpServer("127.0.0.2") { ex ->
                ex.head(200, JSON)
                ex.write("{\"session_id\":\"ses-1\",\"index_ids\":null,\"title\":null,\"created_at\":\"2025-01-01T00:00:00Z\",\"updated_at\":\"2025-01-01T00:00:00Z\"}")
            }.use { elsewhere ->
                RawHttpServer { ex -> ex.head(302, mapOf("Location" to elsewhere.baseUrl + ex.request.target)) }.use { server ->
                    HttpClient(CIO).use { own ->
                        val chat = testChat(server.baseUrl) { httpClient = own; maxRetries = 0 }
                        chat.use { runCatching { withTimeout(HANG_GUARD) { it.summary("ses-1") } } }
                        server.requests.single().header("authorization") shouldStartWith "Bearer "
                        elsewhere.requests.forEach { it.header("authorization").shouldBeNull() }
                    }
                }
            }
        }
    }
})

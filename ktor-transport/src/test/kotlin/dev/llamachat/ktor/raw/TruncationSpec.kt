package dev.llamachat.ktor.raw

import dev.llamachat.ChatEvent
import dev.llamachat.LlamaCloudException
import dev.llamachat.LlamaCloudIoException
import dev.llamachat.NotFoundException
import dev.llamachat.StreamEndedBeforeStopException
import dev.llamachat.StreamInterruptedException
import dev.llamachat.UnexpectedResponseException
import dev.llamachat.ktor.raw.RawServer.Answer
import dev.llamachat.ktor.testChat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.HttpClientEngineFactory
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.okhttp.OkHttp
import kotlinx.coroutines.flow.toList

/**
 * A body that ends because the connection broke is an I/O failure, retried where the rules allow; a body that
 * ended cleanly but is not what was expected is an [UnexpectedResponseException]. A raw server cuts responses
 * after exactly N bytes, chunked and with a `Content-Length`, closing (FIN) or resetting (RST) the connection,
 * on every engine the SDK supports.
 */
class TruncationSpec : FunSpec({
    val summaryJson = """{"session_id":"ses-1","index_ids":["idx-demo"],"generated_title":null,""" +
        """"last_updated_at":"2026-03-01T10:00:00Z","job_metadata":null}"""
    val summary = summaryJson.toByteArray()
    val events = listOf(
        """{"type":"text_delta","content":"Hello"}""",
        """{"type":"text_delta","content":" world"}""",
        """{"type":"stop","error":null,"is_error":false,"usage":{"duration_ms":5,"total_input_tokens":1,"total_output_tokens":2,"turns":1}}""",
    )
    val sse = events.joinToString("") { "data: $it\n\n" }.toByteArray()

    val engines: List<Pair<String, HttpClientEngineFactory<*>>> = listOf("OkHttp" to OkHttp, "CIO" to CIO)
    for ((engineName, engine) in engines) {
        fun chat(server: RawServer, retries: Int = 2) = testChat(server.baseUrl) {
            engineFactory = engine
            maxRetries = retries
        }

        context("on $engineName") {
            for ((framing, response) in listOf(
                "Content-Length" to RawServer.response(200, "application/json", summary),
                "chunked" to RawServer.chunked(200, "application/json", summary, chunkSize = 16),
            )) {
                for (reset in listOf(false, true)) {
                    val how = if (reset) "reset" else "closed"
                    test("an idempotent call whose $framing body broke off ($how) is retried, and then succeeds") {
                        RawServer().use { server ->
                            server.enqueue(Answer.cutAfter(response, response.size - 20, reset), Answer.whole(response))
                            chat(server).use { it.summary("ses-1").sessionId shouldBe "ses-1" }
                            server.requests shouldBe 2
                        }
                    }

                    test("without retries, a $framing body that broke off ($how) is a LlamaCloudIoException, not a malformed answer") {
                        RawServer().use { server ->
                            server.enqueue(Answer.cutAfter(response, response.size - 20, reset))
                            chat(server, retries = 0).use { chat ->
                                shouldThrow<LlamaCloudIoException> { chat.retrieve("ses-1") }.message shouldContain "GET /api/v1/chat/ses-1"
                            }
                        }
                    }
                }

                test("create whose $framing body broke off is not retried: the session may exist") {
                    RawServer().use { server ->
                        server.enqueue(Answer.cutAfter(response, response.size - 20), Answer.whole(response))
                        chat(server).use { chat -> shouldThrow<LlamaCloudIoException> { chat.create() } }
                        server.requests shouldBe 1
                    }
                }
            }

            test("a whole body that is not JSON is an UnexpectedResponseException, not retried") {
                RawServer().use { server ->
                    server.enqueue(Answer.whole(RawServer.response(200, "application/json", summary.copyOf(summary.size - 20))))
                    chat(server).use { chat -> shouldThrow<UnexpectedResponseException> { chat.summary("ses-1") } }
                    server.requests shouldBe 1
                }
            }

            // Cut 10 bytes into the second event: the first is complete, the turn is not.
            val frames = events.map { "data: $it\n\n".toByteArray() }
            val contentLength = RawServer.response(200, "text/event-stream", sse)
            val chunked = RawServer.chunked(200, "text/event-stream", frames)
            for ((framing, cut) in listOf(
                "Content-Length" to contentLength.copyOf(contentLength.size - sse.size + frames[0].size + 10),
                "chunked" to chunked.copyOf(RawServer.chunkedOffset(chunked, frames, 1) + 10),
            )) {
                test("a $framing stream that broke off (closed) mid-turn is a StreamInterruptedException, not retried") {
                    RawServer().use { server ->
                        server.enqueue(Answer.cut(cut))
                        chat(server).use { chat ->
                            val received = mutableListOf<ChatEvent>()
                            val failure = shouldThrow<StreamInterruptedException> {
                                chat.stream("ses-1", "Hi", emptyList()).collect { received += it }
                            }
                            failure.eventsReceived shouldBe received.size
                            // Ktor discards what a channel closed with an error still buffered: CIO may lose the first event.
                            received.size shouldBeLessThanOrEqual 1
                        }
                        server.requests shouldBe 1
                    }
                }

                test("a $framing stream reset mid-turn is a typed I/O failure, not retried") {
                    RawServer().use { server ->
                        server.enqueue(Answer.cut(cut, reset = true))
                        chat(server).use { chat ->
                            // A reset discards what the client had not read yet, the response head included at times:
                            // then no response began, and the turn fails as a connection failure.
                            val failure = shouldThrow<LlamaCloudException> { chat.stream("ses-1", "Hi", emptyList()).toList() }
                            (failure is StreamInterruptedException || failure is LlamaCloudIoException) shouldBe true
                        }
                        server.requests shouldBe 1
                    }
                }
            }

            test("a stream that ended cleanly without stop is a StreamEndedBeforeStopException") {
                RawServer().use { server ->
                    val partial = "data: ${events.first()}\n\n".toByteArray()
                    server.enqueue(Answer.whole(RawServer.chunked(200, "text/event-stream", partial)))
                    chat(server).use { chat ->
                        shouldThrow<StreamEndedBeforeStopException> { chat.stream("ses-1", "Hi", emptyList()).toList() }.eventsReceived shouldBe 1
                    }
                }
            }

            test("a delete retried after its answer was lost succeeds when it meets 404: the first attempt deleted it") {
                RawServer().use { server ->
                    val notFound = RawServer.response(404, "application/json", """{"detail":"Session not found"}""".toByteArray())
                    server.enqueue(Answer.close(), Answer.whole(notFound))
                    chat(server).use { it.delete("ses-1") }
                    server.requests shouldBe 2
                }
            }

            test("a delete that meets 404 at once is a NotFoundException") {
                RawServer().use { server ->
                    val notFound = RawServer.response(404, "application/json", """{"detail":"Session not found"}""".toByteArray())
                    server.enqueue(Answer.whole(notFound))
                    chat(server).use { chat -> shouldThrow<NotFoundException> { chat.delete("ses-1") } }
                }
            }

            test("a turn whose connection closed before any response byte is not retried") {
                RawServer().use { server ->
                    server.enqueue(Answer.close(), Answer.whole(RawServer.response(200, "text/event-stream", sse)))
                    chat(server).use { chat ->
                        shouldThrow<LlamaCloudIoException> { chat.stream("ses-1", "Hi", emptyList()).toList() }
                            .cause.shouldBeInstanceOf<java.io.IOException>()
                    }
                    server.requests shouldBe 1
                }
            }
        }
    }
})

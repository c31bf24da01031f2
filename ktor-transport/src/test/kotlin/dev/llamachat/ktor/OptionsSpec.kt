package dev.llamachat.ktor

import dev.llamachat.ChatEvent
import dev.llamachat.InternalServerException
import dev.llamachat.LlamaCloudTimeoutException
import dev.llamachat.NotFoundException
import dev.llamachat.StreamException
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud.Companion.DEMO_INDEX
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.flow.toList

/** Per-call options ([LlamaCloudChat.withOptions]) and response metadata ([LlamaCloudChat.withRawResponse], request ids). */
class OptionsSpec : FunSpec({
    val server = startServer()
    afterSpec { server.close() }
    beforeEach {
        server.clearRequests()
        server.clearQueue()
    }

    context("withOptions") {
        test("headers and query parameters reach every call through the derived client, streams included; the original's do not change") {
            testChat(server) { defaultHeaders["X-Team"] = "search" }.use { chat ->
                val traced = chat.withOptions { header("traceparent", "00-abc-01"); header("X-Team", "chat"); queryParameter("trace", "on") }
                val session = traced.create(listOf(DEMO_INDEX))
                traced.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).toList()
                chat.summary(session.sessionId)
                val (create, stream, summary) = server.requests.toList()
                for (request in listOf(create, stream)) {
                    request.header("traceparent") shouldBe "00-abc-01"
                    request.header("x-team") shouldBe "chat"
                    request.queryParameter("trace") shouldBe "on"
                }
                summary.header("traceparent").shouldBeNull()
                summary.header("x-team") shouldBe "search"
                summary.queryParameter("trace").shouldBeNull()
            }
        }

        test("maxRetries and timeout replace the client's, for ordinary calls and a stream's head") {
            val sleeper = RecordingSleeper()
            testChat(server, sleeper).use { chat ->
                val once = chat.withOptions { maxRetries = 0 }
                server.enqueue(ScriptedResponse.status(503), Endpoint.LIST)
                shouldThrow<InternalServerException> { once.listPage() }
                server.requestsTo(Endpoint.LIST) shouldHaveSize 1

                val quick = chat.withOptions { timeout = 200.milliseconds; maxRetries = 0 }
                server.enqueue(ScriptedResponse.serve().withHeadDelay(Duration.ofSeconds(3)), Endpoint.STREAM)
                shouldThrow<LlamaCloudTimeoutException> { quick.stream("ses-1", "Hi", emptyList()).toList() }.message shouldContain "200ms"
            }
        }

        test("closing a derived client closes nothing; it shares the original's client, which closes both") {
            val chat = testChat(server)
            val derived = chat.withOptions(RequestOptions().timeout(Duration.ofSeconds(5)))
            derived.close()
            derived.listPage()
            chat.listPage()
            chat.close()
            shouldThrow<IllegalStateException> { derived.listPage() }
        }

        test("invalid options fail when the client is derived, naming the option") {
            testChat(server).use { chat ->
                shouldThrow<IllegalArgumentException> { chat.withOptions { header("Authorization", "Bearer x") } }.message shouldContain "Authorization"
                shouldThrow<IllegalArgumentException> { chat.withOptions { maxRetries = 11 } }.message shouldContain "maxRetries"
                shouldThrow<IllegalArgumentException> { chat.withOptions { timeout = (-1).milliseconds } }.message shouldContain "timeout"
            }
        }
    }

    context("response metadata") {
        test("withRawResponse gives each call's typed value with its status, headers and request id") {
            testChat(server).use { chat ->
                val raw = chat.withRawResponse()
                val created = raw.create(listOf(DEMO_INDEX))
                created.status shouldBe 200
                created.requestId.shouldNotBeNull() shouldStartWith "req_"
                created.header("Content-Type").shouldNotBeNull() shouldContain "application/json"
                val id = created.value.sessionId
                raw.summary(id).value.sessionId shouldBe id
                raw.retrieve(id).value.sessionId shouldBe id
                raw.listPage().value.items.map { it.sessionId } shouldContain id
                raw.generateTitle(id, "Quarterly findings").value.generatedTitle.shouldNotBeNull()
                raw.delete(id).status shouldBe 204
            }
        }

        test("a turn's response: the folded turn with the stream's request id; onEvent sees each event") {
            testChat(server).use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                val seen = mutableListOf<ChatEvent>()
                val response = chat.withRawResponse().ask(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)) { seen += it }
                response.status shouldBe 200
                response.requestId.shouldNotBeNull() shouldStartWith "req_"
                response.value.eventCount shouldBe seen.size
                response.value.text.isNotEmpty() shouldBe true
            }
        }

        test("every failure that came with a response carries its request id: an error status, and a stream that broke") {
            testChat(server) { maxRetries = 0 }.use { chat ->
                shouldThrow<NotFoundException> { chat.summary("ses-missing") }.requestId.shouldNotBeNull() shouldStartWith "req_"
                val session = chat.create(listOf(DEMO_INDEX))
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(2)), Endpoint.STREAM)
                val failure = shouldThrow<StreamException> { chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).toList() }
                failure.requestId.shouldNotBeNull() shouldStartWith "req_"
                failure.requestId().isPresent shouldBe true
            }
        }

        test("a failure without a response has no request id") {
            testChat(server) { maxRetries = 0 }.use { chat ->
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart()), Endpoint.LIST)
                shouldThrow<dev.llamachat.LlamaCloudIoException> { chat.listPage() }.requestId.shouldBeNull()
            }
        }
    }
})

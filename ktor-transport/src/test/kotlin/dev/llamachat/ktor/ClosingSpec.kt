package dev.llamachat.ktor

import dev.llamachat.ChatEvent
import dev.llamachat.NotFoundException
import dev.llamachat.StreamInterruptedException
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud.Companion.DEMO_INDEX
import dev.llamachat.testkit.ScriptedResponse
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import io.ktor.client.request.get
import io.ktor.client.request.header
import io.ktor.http.HttpStatusCode
import java.io.IOException
import java.time.Duration
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.isActive

/** What [LlamaCloudChat.close] closes, and what it leaves to the caller. */
class ClosingSpec : FunSpec({
    val server = startServer()
    afterSpec { server.close() }

    test("calls after close fail with IllegalStateException, before any request") {
        val chat = testChat(server)
        chat.close()
        chat.close() // idempotent
        server.clearRequests()
        shouldThrow<IllegalStateException> { chat.listPage() }.message shouldContain "closed"
        shouldThrow<IllegalStateException> { chat.stream("ses-1", "Hi", emptyList()).collect { } }
        server.requests.size shouldBe 0
    }

    test("closing leaves a caller's own HttpClient open, and uses it as it is (error statuses still mapped)") {
        HttpClient(CIO) { expectSuccess = true }.use { client ->
            val chat = testChat(server) { httpClient = client }
            chat.listPage()
            shouldThrow<NotFoundException> { chat.summary("ses-missing") }
            chat.close()
            val response = client.get(server.url("/api/v1/chat")) { header("Authorization", "Bearer $TEST_KEY") }
            response.status shouldBe HttpStatusCode.OK
        }
    }

    test("closing leaves a caller's own engine open") {
        val engine = CIO.create()
        try {
            testChat(server) { this.engine = engine }.use { it.listPage() }
            engine.isActive shouldBe true
            HttpClient(engine).use { client ->
                client.get(server.url("/api/v1/chat")) { header("Authorization", "Bearer $TEST_KEY") }.status shouldBe HttpStatusCode.OK
            }
        } finally {
            engine.close()
        }
    }

    test("closing lets running streams finish and refuses new calls") {
        val chat = testChat(server)
        val session = chat.create(listOf(DEMO_INDEX))
        server.enqueue(ScriptedResponse.serve().withEventInterval(Duration.ofMillis(10)), Endpoint.STREAM)
        val first = CompletableDeferred<ChatEvent>()
        coroutineScope {
            val turn = async {
                chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX))
                    .onEach { first.complete(it) }
                    .toList()
            }
            first.await()
            chat.close()
            shouldThrow<IllegalStateException> { chat.summary(session.sessionId) }
            turn.await().last().shouldBeInstanceOf<ChatEvent.Stop>()
        }
    }

    test("a call the caller's own client cancels (its engine's request timeout) fails as a StreamException, not a cancellation") {
        HttpClient(CIO) { engine { requestTimeout = 300 } }.use { client ->
            testChat(server) { httpClient = client }.use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                server.enqueue(ScriptedResponse.serve().withEventInterval(Duration.ofMillis(50)), Endpoint.STREAM)
                var received = 0
                val failure = shouldThrow<StreamInterruptedException> {
                    chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect { received++ }
                }
                failure.eventsReceived shouldBe received
                failure.cause.shouldBeInstanceOf<IOException>()
            }
        }
        server.awaitIdle(Duration.ofSeconds(5)) shouldBe true
    }
})

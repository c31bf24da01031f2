package dev.llamachat.ktor

import dev.llamachat.ChatEvent
import dev.llamachat.UnexpectedResponseException
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.LocalLlamaCloud.Companion.DEMO_INDEX
import dev.llamachat.testkit.ScriptedResponse
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.okhttp.OkHttp
import java.time.Duration
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch

/** How [LlamaCloudChat] reads streams: backpressure, concurrency, connections. */
class StreamingSpec : FunSpec({
    val server = startServer()
    afterSpec { server.close() }
    beforeEach {
        server.clearRequests()
        server.clearQueue()
    }

    test("a slow collector slows the read: the server cannot finish the turn while the collector waits") {
        // The bench turn's closing `text` event holds the whole answer, megabytes here.
        testChat(server).use { chat ->
            val session = chat.create()
            val gate = CompletableDeferred<Unit>()
            val firstArrived = CompletableDeferred<Unit>()
            var received = 0
            coroutineScope {
                val collecting = launch {
                    // 500,000 events (about 33 MB): far more than socket and channel buffers hold.
                    chat.stream(session.sessionId, "bench:500000", emptyList()).collect {
                        received++
                        if (received == 1) {
                            firstArrived.complete(Unit)
                            gate.await()
                        }
                    }
                }
                firstArrived.await()
                // The server is blocked writing: the turn is still running after a while of waiting.
                server.awaitNoRunningTurns(Duration.ofMillis(300)) shouldBe false
                gate.complete(Unit)
                collecting.join()
            }
            received shouldBe 500_002
            server.awaitIdle(Duration.ofSeconds(5)) shouldBe true
        }
    }

    test("a stream's content type is recognised whatever its case and parameters, and never by a prefix") {
        val stop = """{"type":"stop","error":null,"is_error":false,"usage":{"duration_ms":1,"total_input_tokens":1,"total_output_tokens":1,"turns":1}}"""
        val body = "data: $stop\n\n"
        testChat(server) { maxRetries = 0 }.use { chat ->
            for (type in listOf("text/event-stream", "Text/Event-Stream; charset=utf-8", "text/event-stream ;charset=utf-8")) {
                server.enqueue(ScriptedResponse.status(200).withBody(type, body.toByteArray()), Endpoint.STREAM)
                chat.stream("ses-any", "Hi", emptyList()).toList().single().shouldBeInstanceOf<ChatEvent.Stop>()
            }
            for (type in listOf("text/event-streams", "text/event")) {
                server.enqueue(ScriptedResponse.status(200).withBody(type, body.toByteArray()), Endpoint.STREAM)
                shouldThrow<UnexpectedResponseException> { chat.stream("ses-any", "Hi", emptyList()).toList() }.contentType shouldBe type
            }
        }
    }

    test("many concurrent streams share one client") {
        testChat(server).use { chat ->
            val sessions = (1..100).map { chat.create(listOf(DEMO_INDEX)) }
            val turns = coroutineScope {
                sessions.map { session ->
                    async { chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).toList() }
                }.awaitAll()
            }
            turns.forEach { it.last().shouldBeInstanceOf<ChatEvent.Stop>() }
            server.awaitIdle(Duration.ofSeconds(5)) shouldBe true
        }
    }

    test("sequential calls on a pooled engine reuse one connection: the transport releases each response whole") {
        LocalLlamaCloud.builder().apiKey(TEST_KEY).start().use { fresh ->
            testChat(fresh) { engineFactory = OkHttp }.use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                repeat(5) {
                    chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect()
                    chat.summary(session.sessionId)
                }
                chat.listPage()
                chat.delete(session.sessionId)
                fresh.requests.size shouldBe 13
                fresh.connectionsSeen shouldBe 1
            }
        }
    }

    test("the default engine (OkHttp) carries sequential turns on one connection") {
        LocalLlamaCloud.builder().apiKey(TEST_KEY).start().use { fresh ->
            testChat(fresh).use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                repeat(3) {
                    chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect()
                    fresh.awaitIdle(Duration.ofSeconds(5)) shouldBe true
                }
                fresh.connectionsSeen shouldBe 1
            }
        }
    }

    test("CIO, when chosen, gives each POST its own connection and closes it when the call ends") {
        LocalLlamaCloud.builder().apiKey(TEST_KEY).start().use { fresh ->
            LlamaCloudChat {
                apiKey = fresh.apiKey
                baseUrl = fresh.baseUrl
                maxRetries = 0
                engineFactory = CIO
            }.use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                repeat(3) {
                    chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect()
                    fresh.awaitIdle(Duration.ofSeconds(5)) shouldBe true
                }
                // Ktor 3.5's CIO sends POST and DELETE on dedicated connections: why OkHttp is the default.
                fresh.connectionsSeen shouldBe 4
            }
        }
    }
})

package dev.llamachat.ktor

import dev.llamachat.ChatEvent
import dev.llamachat.LlamaCloudIoException
import dev.llamachat.LlamaCloudTimeoutException
import dev.llamachat.StreamIdleTimeoutException
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.LocalLlamaCloud.Companion.DEMO_INDEX
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.net.ServerSocket
import java.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch

/** Failures without an error status: broken connections, timeouts, cancellation. */
class FailuresSpec : FunSpec({
    val server = startServer()
    afterSpec { server.close() }
    beforeEach {
        server.clearRequests()
        server.clearQueue()
    }

    context("I/O failures") {
        test("a connection closed before any response is a LlamaCloudIoException") {
            testChat(server) { maxRetries = 0 }.use { chat ->
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart()), Endpoint.LIST)
                val failure = shouldThrow<LlamaCloudIoException> { chat.listPage() }
                failure.message shouldContain "GET /api/v1/chat"
                failure.message shouldNotContain TEST_KEY
            }
        }

        test("a refused connection is a LlamaCloudIoException that says it could not connect") {
            val closedPort = ServerSocket(0).use { it.localPort }
            LlamaCloudChat { apiKey = TEST_KEY; baseUrl = "http://127.0.0.1:$closedPort"; maxRetries = 0 }.use { chat ->
                val failure = shouldThrow<LlamaCloudIoException> { chat.create() }
                failure.message shouldContain "could not connect"
                shouldThrow<LlamaCloudIoException> { chat.stream("ses-1", "Hi", emptyList()).toList() }
            }
        }
    }

    context("timeouts") {
        test("an ordinary call without an answer within the request timeout is a LlamaCloudTimeoutException") {
            testChat(server) { maxRetries = 0; requestTimeout = 200.milliseconds }.use { chat ->
                server.enqueue(ScriptedResponse.serve().withHeadDelay(Duration.ofSeconds(3)), Endpoint.LIST)
                val failure = shouldThrow<LlamaCloudTimeoutException> { chat.listPage() }
                failure.message shouldContain "200ms"
            }
        }

        test("a stream whose response head does not come within the request timeout is a LlamaCloudTimeoutException") {
            val session = testChat(server).use { it.create(listOf(DEMO_INDEX)) }
            testChat(server) { maxRetries = 0; requestTimeout = 200.milliseconds }.use { chat ->
                server.enqueue(ScriptedResponse.serve().withHeadDelay(Duration.ofSeconds(3)), Endpoint.STREAM)
                shouldThrow<LlamaCloudTimeoutException> {
                    chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).toList()
                }
            }
        }

        test("a stream silent for longer than the idle timeout fails with StreamIdleTimeoutException, and frees the server") {
            testChat(server) { streamIdleTimeout = 300.milliseconds }.use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(2)), Endpoint.STREAM)
                val received = mutableListOf<ChatEvent>()
                val failure = shouldThrow<StreamIdleTimeoutException> {
                    chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect { received += it }
                }
                received shouldHaveSize 2
                failure.eventsReceived shouldBe 2
                failure.idleTimeout shouldBe Duration.ofMillis(300)
                server.awaitIdle(Duration.ofSeconds(5)) shouldBe true
            }
        }

        test("a long turn that keeps sending never times out, not even with a request timeout shorter than the turn") {
            val session = testChat(server).use { it.create(listOf(DEMO_INDEX)) }
            testChat(server) { requestTimeout = 700.milliseconds; streamIdleTimeout = 700.milliseconds }.use { chat ->
                server.enqueue(ScriptedResponse.serve().withEventInterval(Duration.ofMillis(25)), Endpoint.STREAM)
                val events = chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).toList()
                events.last().shouldBeInstanceOf<ChatEvent.Stop>()
                // The premise: the turn as a whole lasted longer than either timeout.
                (events.size - 1) * 25 shouldBeGreaterThan 700
            }
        }

        test("keep-alive comments count as activity: a slow turn with keep-alives outlives the idle timeout") {
            LocalLlamaCloud.builder().apiKey(TEST_KEY).keepAliveInterval(Duration.ofMillis(50)).start().use { paced ->
                testChat(paced) { streamIdleTimeout = 400.milliseconds }.use { chat ->
                    val session = chat.create(listOf(DEMO_INDEX))
                    // Events 800 ms apart: only the keep-alives in between keep the stream under 400 ms of silence.
                    paced.enqueue(ScriptedResponse.serve().withEventInterval(Duration.ofMillis(800)), Endpoint.STREAM)
                    val events = chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).take(3).toList()
                    events shouldHaveSize 3
                }
            }
        }
    }

    context("cancellation") {
        test("cancelling an ordinary call cancels it: the CancellationException is not wrapped") {
            testChat(server).use { chat ->
                server.enqueue(ScriptedResponse.serve().withHeadDelay(Duration.ofSeconds(10)), Endpoint.LIST)
                coroutineScope {
                    val call = async { chat.listPage() }
                    eventually(5.seconds) { server.requests shouldHaveSize 1 }
                    call.cancelAndJoin()
                    shouldThrow<CancellationException> { call.await() }.shouldBeInstanceOf<CancellationException>()
                }
            }
        }

        test("cancelling a stream's collector mid-turn ends the turn on the server") {
            testChat(server).use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                server.enqueue(ScriptedResponse.serve().withEventInterval(Duration.ofSeconds(1)), Endpoint.STREAM)
                val first = CompletableDeferred<ChatEvent>()
                coroutineScope {
                    val job = launch {
                        chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect { first.complete(it) }
                    }
                    first.await()
                    server.runningTurns shouldBe 1
                    job.cancelAndJoin()
                }
                server.awaitIdle(Duration.ofSeconds(5)) shouldBe true
            }
        }
    }
})

package dev.llamachat.ktor

import dev.llamachat.ChatEvent
import dev.llamachat.LlamaCloudIoException
import dev.llamachat.LlamaCloudTimeoutException
import dev.llamachat.NotFoundException
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
import io.kotest.matchers.comparables.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.net.ServerSocket
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
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

    // The request and idle timeouts run on a ManualClock (virtual time over real loopback I/O): each test brings
    // the call to the state it needs, then lets exactly the timeout pass. Only the keep-alive test runs in real
    // time: the client's reads of comments cannot be observed from outside, so the test cannot know when to move
    // a virtual clock; core's ChatEventStreamSpec proves the rule itself in virtual time.
    context("timeouts") {
        test("an ordinary call without an answer within the request timeout is a LlamaCloudTimeoutException") {
            ManualClock().use { clock ->
                testChat(server, deadlines = clock.deadlines) { maxRetries = 0; requestTimeout = 200.milliseconds }.use { chat ->
                    server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.noResponse()), Endpoint.LIST)
                    val call = clock.start { chat.listPage() }
                    clock.runUntil("sent the request") { server.requests.size == 1 }
                    clock.advanceBy(199.milliseconds)
                    call.isActive shouldBe true
                    clock.advanceBy(1.milliseconds)
                    val failure = shouldThrow<LlamaCloudTimeoutException> { clock.finish(call) }
                    failure.message shouldContain "200ms"
                }
            }
        }

        test("a stream whose response head does not come within the request timeout is a LlamaCloudTimeoutException") {
            val session = testChat(server).use { it.create(listOf(DEMO_INDEX)) }
            ManualClock().use { clock ->
                testChat(server, deadlines = clock.deadlines) { maxRetries = 0; requestTimeout = 200.milliseconds }.use { chat ->
                    server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.noResponse()), Endpoint.STREAM)
                    val turn = clock.start { chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).toList() }
                    clock.runUntil("sent the request") { server.requestsTo(Endpoint.STREAM).size == 1 }
                    clock.advanceBy(200.milliseconds)
                    shouldThrow<LlamaCloudTimeoutException> { clock.finish(turn) }
                }
            }
        }

        test("a stream silent for longer than the idle timeout fails with StreamIdleTimeoutException, and frees the server") {
            ManualClock().use { clock ->
                testChat(server, deadlines = clock.deadlines) { streamIdleTimeout = 300.milliseconds }.use { chat ->
                    val session = chat.create(listOf(DEMO_INDEX))
                    server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(2)), Endpoint.STREAM)
                    val received = CopyOnWriteArrayList<ChatEvent>()
                    val turn = clock.start {
                        chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect { received += it }
                    }
                    clock.runUntil("received the two events before the stall") { received.size == 2 }
                    clock.advanceBy(299.milliseconds)
                    turn.isActive shouldBe true
                    clock.advanceBy(1.milliseconds)
                    val failure = shouldThrow<StreamIdleTimeoutException> { clock.finish(turn) }
                    received shouldHaveSize 2
                    failure.eventsReceived shouldBe 2
                    failure.idleTimeout shouldBe Duration.ofMillis(300)
                    server.awaitIdle(Duration.ofSeconds(5)) shouldBe true
                }
            }
        }

        test("a turn that outlasts the request timeout is not cut by it: that timeout bounds only the wait for the head") {
            val session = testChat(server).use { it.create(listOf(DEMO_INDEX)) }
            ManualClock().use { clock ->
                testChat(server, deadlines = clock.deadlines) { requestTimeout = 500.milliseconds; streamIdleTimeout = 500.milliseconds }.use { chat ->
                    val events = CopyOnWriteArrayList<ChatEvent>()
                    // The collector takes 100 ms of virtual time per event, so the turn lasts far longer than the
                    // request timeout; the idle timeout bounds only reads, which the collector's pauses are not.
                    val turn = clock.start {
                        chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect {
                            events += it
                            delay(100)
                        }
                    }
                    var seen = 0
                    while (!turn.isCompleted) {
                        clock.runUntil("received another event or finished") { turn.isCompleted || events.size > seen }
                        seen = events.size
                        clock.advanceBy(100.milliseconds)
                    }
                    clock.finish(turn)
                    events.last().shouldBeInstanceOf<ChatEvent.Stop>()
                    // The premise: the turn as a whole lasted longer than either timeout.
                    clock.elapsed shouldBeGreaterThan 500.milliseconds
                }
            }
        }

        test("no deadline outlives its call: an answer, an error, a whole turn, a turn left early, a turn cut by the idle limit") {
            val deadlines = CountingDeadlines()
            testChat(server, deadlines = deadlines) { maxRetries = 0; streamIdleTimeout = 300.milliseconds }.use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                deadlines.armed shouldBe 0
                shouldThrow<NotFoundException> { chat.summary("ses-missing") }
                deadlines.armed shouldBe 0
                chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).toList().last().shouldBeInstanceOf<ChatEvent.Stop>()
                deadlines.armed shouldBe 0
                chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).take(1).toList() shouldHaveSize 1
                deadlines.armed shouldBe 0
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM)
                shouldThrow<StreamIdleTimeoutException> { chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).toList() }
                deadlines.armed shouldBe 0
            }
        }

        test("keep-alive comments count as activity: a slow turn with keep-alives outlives the idle timeout (real time)") {
            // Keep-alives every 20 ms against an idle timeout of 500 ms: the stream fails only if 25 in a row are late.
            LocalLlamaCloud.builder().apiKey(TEST_KEY).keepAliveInterval(Duration.ofMillis(20)).start().use { paced ->
                testChat(paced) { streamIdleTimeout = 500.milliseconds }.use { chat ->
                    val session = chat.create(listOf(DEMO_INDEX))
                    // Events 600 ms apart: only the keep-alives in between keep the stream under 500 ms of silence.
                    paced.enqueue(ScriptedResponse.serve().withEventInterval(Duration.ofMillis(600)), Endpoint.STREAM)
                    val events = chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).take(2).toList()
                    events shouldHaveSize 2
                }
            }
        }
    }

    context("cancellation") {
        test("cancelling an ordinary call cancels it: the CancellationException is not wrapped") {
            testChat(server).use { chat ->
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.noResponse()), Endpoint.LIST)
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
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM)
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

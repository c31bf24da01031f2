package dev.llamachat.reliability

import dev.llamachat.ChatEvent
import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.collections.shouldBeEmpty
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.okhttp.OkHttp
import java.time.Duration
import java.util.Collections
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.cancellation.CancellationException
import kotlin.random.Random
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.future.await
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Semaphore
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield

/** Where a stream is cancelled. */
internal enum class CancelPoint { BEFORE_FIRST_BYTE, MID_STREAM, SLOW_COLLECTOR, WHILE_CONNECTING }

/** The cancel points of the main leak runs; [CancelPoint.WHILE_CONNECTING] has its own test. */
internal val MAIN_POINTS = listOf(CancelPoint.BEFORE_FIRST_BYTE, CancelPoint.MID_STREAM, CancelPoint.SLOW_COLLECTOR)

/**
 * Streams cancelled at random points leak nothing: 1,000 Kotlin flows here (the Java publisher and blocking
 * stream in `JavaLeakTest`), 32 at a time, each cancelled before its first byte, after some events, or while its
 * collector is slow. Afterwards the server has no open stream or running turn, the client holds no connection,
 * and the JVM's thread count is back where it was.
 *
 * Nothing here depends on timing: each stream has a session of its own (no turn can still hold it, so no 409 and
 * no retry), a stream cancelled "before its first byte" is cancelled once the server has its whole request (see
 * [HeldStreams]), and every check waits for its condition with a generous bound.
 */
class LeakSpec : FunSpec({
    test("1,000 Kotlin streams cancelled at random points leave no connection, turn or thread behind") {
        LocalLlamaCloud.builder().apiKey(CANARY_KEY).start().use { server ->
            // CIO closes each stream's connection with the call, so "no connection left" is checkable mid-client;
            // OkHttp (the default) pools them, and its run below checks after close().
            val chat = testChat(server.baseUrl) { engineFactory = CIO; maxRetries = 0 }
            val held = HeldStreams(server)
            chat.use {
                val baseline = LeakBaseline.take(server.port, server) { runStreams(chat, held, WARM_UP, seed = 1) }
                val started = System.nanoTime()
                val outcomes = runStreams(chat, held, STREAMS, seed = 2)
                val elapsed = (System.nanoTime() - started) / 1_000_000
                val leaks = LeakBaseline.check(baseline, server)
                println("LEAK (Kotlin Flow, CIO): $STREAMS streams cancelled in $elapsed ms ${outcomes.byPoint}; unexpected endings: ${outcomes.unexpected.size}; $leaks")
                outcomes.unexpected.shouldBeEmpty()
                leaks.problems.shouldBeEmpty()
            }
        }
    }

    test("500 streams cancelled while their connection opens leak nothing on the OkHttp engine") {
        // Ktor 3.5.2's CIO engine loses about one connection in 2,000 cancelled at this point (reproduced with a bare
        // HttpClient(CIO), no SDK code), a Ktor bug no assertion here could hold, so CIO is not run at this point;
        // OkHttp, the engine recommended for Android, must leak none. Its pool keeps up to five idle connections,
        // which close() releases.
        LocalLlamaCloud.builder().apiKey(CANARY_KEY).start().use { server ->
            val held = HeldStreams(server)
            val okhttp = testChat(server.baseUrl) { engineFactory = OkHttp; maxRetries = 0 }
            okhttp.use { chat ->
                val baseline = LeakBaseline.take(server.port, server) { runStreams(chat, held, WARM_UP, 3, listOf(CancelPoint.WHILE_CONNECTING)) }
                val outcomes = runStreams(chat, held, CONNECTING_STREAMS, 4, listOf(CancelPoint.WHILE_CONNECTING))
                server.awaitIdle(Duration.ofSeconds(15)).shouldBeTrue()
                chat.close()
                val leaks = LeakBaseline.check(baseline, server)
                println("LEAK (Kotlin Flow, OkHttp): $CONNECTING_STREAMS streams cancelled while connecting; unexpected endings: ${outcomes.unexpected.size}; $leaks")
                outcomes.unexpected.shouldBeEmpty()
                leaks.problems.shouldBeEmpty()
            }
        }
    }
})

// Sized to prove the property without dominating the build: every cancel point some 300 times over (each a stream
// of its own, on its own session) and 32 streams at once, which is what makes cancellations race with each other.
// A leak shows as a connection, turn or thread still there afterwards, so one leaking stream in the run is enough.
private const val CONNECTING_STREAMS = 500
private const val CONCURRENCY = 32
private const val STREAMS = 1000
private const val WARM_UP = 200

internal class Outcomes(val byPoint: Map<CancelPoint, Int>, val unexpected: List<String>)

/**
 * Runs [count] streams, [CONCURRENCY] at a time, each on a session of its own (created for it, so that no earlier
 * turn can still hold it), cancelled where a seeded random says.
 */
private suspend fun runStreams(
    chat: dev.llamachat.ktor.LlamaCloudChat,
    held: HeldStreams,
    count: Int,
    seed: Long,
    pointsToUse: List<CancelPoint> = MAIN_POINTS,
): Outcomes {
    val random = Random(seed)
    val points = List(count) { pointsToUse[random.nextInt(pointsToUse.size)] }
    val cutAt = List(count) { 1 + random.nextInt(BENCH_EVENTS - 1) }
    val unexpected = Collections.synchronizedList(ArrayList<String>())
    val gate = Semaphore(CONCURRENCY)
    val done = AtomicInteger()
    coroutineScope {
        for (i in 0 until count) {
            gate.acquire()
            launch(Dispatchers.Default) {
                try {
                    withTimeout(HANG_GUARD) {
                        val session = chat.create(listOf(LocalLlamaCloud.DEMO_INDEX)).sessionId
                        cancelOne(chat, held, session, points[i], cutAt[i])
                    }?.let { unexpected += "stream $i (${points[i]}): $it" }
                } catch (e: kotlinx.coroutines.TimeoutCancellationException) {
                    unexpected += "stream $i (${points[i]}) hung"
                } finally {
                    gate.release()
                    done.incrementAndGet()
                }
            }
        }
    }
    check(done.get() == count)
    return Outcomes(points.groupingBy { it }.eachCount().toSortedMap(), unexpected)
}

private const val BENCH_EVENTS = 200

/** One stream, cancelled at [point]; null if it ended as a cancelled stream must, else what happened instead. */
private suspend fun cancelOne(chat: dev.llamachat.ktor.LlamaCloudChat, held: HeldStreams, session: String, point: CancelPoint, cutAt: Int): String? =
    coroutineScope {
        val flow = chat.stream(session, "bench:$BENCH_EVENTS", listOf(LocalLlamaCloud.DEMO_INDEX))
        val received = AtomicInteger()
        val ended = CompletableDeferred<Throwable?>()
        when (point) {
            CancelPoint.BEFORE_FIRST_BYTE -> {
                // The server holds this stream's answer back; the collector gives up once the server has the whole
                // request: cancelling while the connection opens is a case of its own (see the test below).
                val arrived = held.hold(session)
                val job = launch(start = CoroutineStart.UNDISPATCHED) {
                    try {
                        flow.collect { received.incrementAndGet() }
                        ended.complete(null)
                    } catch (e: Throwable) {
                        ended.complete(e)
                        throw e
                    }
                }
                arrived.await()
                job.cancel()
                job.join()
                val end = ended.await()
                if (end is CancellationException && received.get() == 0) null else "ended with $end after ${received.get()} events"
            }
            CancelPoint.WHILE_CONNECTING -> {
                val job = launch(start = CoroutineStart.UNDISPATCHED) { flow.collect { received.incrementAndGet() } }
                repeat(cutAt % 5) { yield() }
                job.cancel()
                job.join()
                null
            }
            CancelPoint.MID_STREAM -> {
                // take() cancels the collection from inside, as any operator that stops early does.
                flow.take(cutAt).collect { received.incrementAndGet() }
                if (received.get() == cutAt) null else "delivered ${received.get()} of $cutAt events"
            }
            CancelPoint.SLOW_COLLECTOR -> {
                val job = launch {
                    try {
                        flow.collect { event ->
                            if (event is ChatEvent.TextDelta) delay(1)
                            if (received.incrementAndGet() == cutAt % 8 + 1) ended.complete(null)
                        }
                        ended.complete(IllegalStateException("the turn completed"))
                    } catch (e: CancellationException) {
                        throw e
                    } catch (e: Throwable) {
                        ended.complete(e)
                    }
                }
                val failure = ended.await()
                job.cancel()
                job.join()
                failure?.let { "ended with $it after ${received.get()} events" }
            }
        }
    }

package dev.llamachat.ktor

import dev.llamachat.internal.DeadlineTimer
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.withTimeoutOrNull

/**
 * A caller's clock that moves only when the test moves it, while the bytes travel over real loopback I/O.
 *
 * The client under test enforces its timeouts (the request timeout, the stream idle timeout) with this clock's
 * [deadlines], so a call [started][start] here times out in virtual time. `runTest` cannot drive them over real
 * I/O: it skips to the next timer whenever its dispatcher is idle, which is whenever the client waits for the
 * network, so every timer would fire before any answer came. Here the test first [runs][runUntil] the call until
 * it reaches the state the test needs (a condition, waited for with a generous bound), then [lets][advanceBy]
 * exactly the time it means pass: no test waits for a timeout in real time, and none depends on how fast the
 * machine is.
 */
internal class ManualClock : AutoCloseable {
    private val scheduler = TestCoroutineScheduler()
    private val scope = CoroutineScope(StandardTestDispatcher(scheduler) + SupervisorJob())

    /** The virtual time that has passed since this clock was made. */
    @OptIn(ExperimentalCoroutinesApi::class)
    val elapsed: Duration get() = scheduler.currentTime.milliseconds

    /** Deadlines in this clock's virtual time: give them to the client under test (`testChat(deadlines = ...)`). */
    val deadlines: DeadlineTimer = object : DeadlineTimer {
        @OptIn(ExperimentalCoroutinesApi::class)
        override fun nanoTime(): Long = scheduler.currentTime * 1_000_000

        override fun schedule(delayNanos: Long, action: Runnable): DisposableHandle =
            scope.launch { delay(delayNanos.nanoseconds); action.run() }.let { job -> DisposableHandle { job.cancel() } }
    }

    /** Starts [block] on this clock's dispatcher; it makes progress only inside [runUntil] and [advanceBy]. */
    fun <T> start(block: suspend () -> T): Deferred<T> = scope.async { block() }

    /**
     * Runs what is due at the current virtual time (resumptions by I/O threads included) until [condition] holds,
     * without moving the clock; fails if that has not happened within a generous real-time bound.
     */
    suspend fun runUntil(what: String, condition: () -> Boolean) {
        val reached = withTimeoutOrNull(BOUND) {
            while (true) {
                scheduler.runCurrent()
                if (condition()) break
                delay(POLL)
            }
        }
        checkNotNull(reached) { "never $what within $BOUND" }
    }

    /** Moves the clock by [duration], running every timer due by then (and what they set off at that moment). */
    fun advanceBy(duration: Duration) {
        scheduler.advanceTimeBy(duration)
        scheduler.runCurrent()
    }

    /** Runs [call] to its end without moving the clock and returns its result (or throws its failure). */
    suspend fun <T> finish(call: Deferred<T>): T {
        runUntil("finished the call") { call.isCompleted }
        return call.await()
    }

    /** Cancels what is still running and lets it unwind (a call left running must not hold its connection). */
    override fun close() {
        scope.cancel()
        scheduler.runCurrent()
    }

    private companion object {
        val BOUND = 30.seconds
        val POLL = 1.milliseconds
    }
}

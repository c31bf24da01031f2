package dev.llamachat.ktor.internal

import dev.llamachat.internal.DeadlineTimer
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.job

/** An attempt got no response (or, for an ordinary call, no whole response) within the call's timeout. */
internal class ResponseTimeoutException(val timeout: Duration) : Exception("no response within $timeout")

/**
 * Runs [block] in a scope that [timer] cancels after [timeout], failing it with [ResponseTimeoutException], unless
 * [block] calls the function it is given first (a stream does once its response head arrived: its body may take
 * as long as it keeps sending, bounded by the idle timeout instead). Not `withTimeout`, because the limit must be
 * lifted half-way without ending the scope that the body is read in, and because kotlinx's timers wake a thread of
 * theirs for nearly every call (see core's `TimerThread`).
 */
internal suspend fun <T> withResponseTimeout(timeout: Duration, timer: DeadlineTimer, block: suspend (stopTimer: () -> Unit) -> T): T {
    var limit: ResponseLimit? = null
    return try {
        coroutineScope {
            val armed = ResponseLimit(coroutineContext.job)
            limit = armed
            val deadline = timer.schedule(timeout.inWholeNanoseconds, armed)
            try {
                block { if (armed.lift()) deadline.dispose() }
            } finally {
                deadline.dispose()
            }
        }
    } catch (e: Throwable) {
        // Whatever the cancelled attempt failed with (a cancellation, or the engine's own "Canceled"), it timed out;
        // unless the caller itself was cancelled meanwhile, which must pass as it is.
        if (limit?.expired != true) throw e
        currentCoroutineContext().ensureActive()
        throw ResponseTimeoutException(timeout)
    }
}

/** The limit of one attempt: [run] at the deadline, [lift] once the head arrived; only the first of the two counts. */
private class ResponseLimit(private val scope: Job) : Runnable {
    private val state = AtomicInteger(ARMED)

    val expired: Boolean get() = state.get() == EXPIRED

    override fun run() {
        if (state.compareAndSet(ARMED, EXPIRED)) scope.cancel()
    }

    fun lift(): Boolean = state.compareAndSet(ARMED, LIFTED)
}

private const val ARMED = 0
private const val LIFTED = 1
private const val EXPIRED = 2

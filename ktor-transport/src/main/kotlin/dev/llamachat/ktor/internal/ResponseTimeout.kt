package dev.llamachat.ktor.internal

import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/** An attempt got no response (or, for an ordinary call, no whole response) within the call's timeout. */
internal class ResponseTimeoutException(val timeout: Duration) : Exception("no response within $timeout")

/**
 * Runs [block] under a watchdog that fails it with [ResponseTimeoutException] after [timeout], unless [block]
 * calls the function it is given first (a stream does once its response head arrived: its body may take as long
 * as it keeps sending, bounded by the idle timeout instead). A watchdog rather than `withTimeout`, because the
 * limit must be lifted half-way without ending the scope that the body is read in.
 *
 * Lifting the limit only disarms the watchdog; it is cancelled when [block] ends. Cancelling a job costs the
 * caller's thread an exception and a dispatch, which at the response head would delay a stream's first event.
 */
internal suspend fun <T> withResponseTimeout(timeout: Duration, block: suspend (stopTimer: () -> Unit) -> T): T =
    coroutineScope {
        val armed = AtomicBoolean(true)
        // Started in place: arming the timer is all it does before it suspends, not worth a dispatch (a thread
        // wake-up on the caller's dispatcher) on the way to the response head.
        val watchdog = launch(start = CoroutineStart.UNDISPATCHED) {
            delay(timeout)
            if (armed.get()) throw ResponseTimeoutException(timeout)
        }
        try {
            block { armed.set(false) }
        } finally {
            watchdog.cancel()
        }
    }

package dev.llamachat.internal

import dev.llamachat.InternalLlamaChatApi
import kotlinx.coroutines.DisposableHandle

/**
 * What the SDK's timeouts (a call's wait for its response, a stream's idle limit, the drain after `stop`) are
 * measured and enforced with. Clients use [SYSTEM]; the SDK's own tests pass one that runs in virtual time, so a
 * timeout test over real loopback moves the clock itself instead of waiting.
 */
@InternalLlamaChatApi
public interface DeadlineTimer {
    /** The time the deadlines are measured in, in nanoseconds from an arbitrary origin (like `System.nanoTime`). */
    public fun nanoTime(): Long

    /**
     * Runs [action] once, on a thread of the timer's, [delayNanos] from now, unless the returned handle is disposed
     * first. [action] must be quick: it holds up every deadline due after it.
     */
    public fun schedule(delayNanos: Long, action: Runnable): DisposableHandle

    public companion object {
        /** The real clock, with the SDK's one timer thread: see [TimerThread] for why not kotlinx's delays. */
        public val SYSTEM: DeadlineTimer = TimerThread("llamachat-timer")
    }
}

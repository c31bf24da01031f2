package dev.llamachat.ktor.internal

import dev.llamachat.InternalLlamaChatApi
import kotlin.time.Duration
import kotlinx.coroutines.delay

/** How the client waits between retries: a seam so that tests record the waits instead of making them. */
@InternalLlamaChatApi
public fun interface RetrySleeper {
    /** Waits [duration]; cancellable. */
    public suspend fun sleep(duration: Duration)

    public companion object {
        /** Waits with the coroutine `delay`, so virtual time applies under `runTest`. */
        public val DELAY: RetrySleeper = RetrySleeper { delay(it) }
    }
}

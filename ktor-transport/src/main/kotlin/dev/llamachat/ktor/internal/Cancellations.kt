package dev.llamachat.ktor.internal

import java.io.IOException
import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.isActive

/** Tells the caller's own cancellation apart from Ktor cancelling a call under it (its client was closed). */
internal object Cancellations {
    /**
     * [e] itself if the current coroutine was cancelled (it must propagate unchanged); otherwise an
     * [IOException] standing for the failed call, since a caller that was not cancelled must not receive a
     * `CancellationException` (it would silently end its coroutine).
     */
    suspend fun unlessOwn(e: CancellationException): Exception =
        if (!currentCoroutineContext().isActive) e else IOException("The call was cancelled by the HTTP client (was it closed?)", e)
}

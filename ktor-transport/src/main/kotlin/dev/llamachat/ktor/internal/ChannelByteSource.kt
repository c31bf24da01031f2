package dev.llamachat.ktor.internal

import dev.llamachat.internal.ByteSource
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import java.io.IOException
import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.isActive

/**
 * A response body as core's [ByteSource]: each read hands over what the channel already holds (or waits for
 * the next bytes), so events reach the decoder as they arrive.
 */
internal class ChannelByteSource(private val channel: ByteReadChannel) : ByteSource {
    override suspend fun read(buffer: ByteArray, offset: Int, length: Int): Int = try {
        channel.readAvailable(buffer, offset, length)
    } catch (e: CancellationException) {
        throw Cancellations.unlessOwn(e)
    }
}

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

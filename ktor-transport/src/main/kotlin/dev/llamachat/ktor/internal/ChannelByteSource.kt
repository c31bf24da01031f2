package dev.llamachat.ktor.internal

import dev.llamachat.internal.ByteSource
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import kotlin.coroutines.cancellation.CancellationException

/**
 * A stream's response body as core's [ByteSource]: each read hands over what the channel already holds (or waits
 * for the next bytes), so events reach the decoder as they arrive. A body cut by a broken connection fails with
 * an `IOException` (the decoder reports it as `StreamInterruptedException`), never as a clean end.
 *
 * @param expectedLength the body's `Content-Length`, if it has one: ending short of it is a break too.
 */
internal class ChannelByteSource(private val channel: ByteReadChannel, private val expectedLength: Long?) : ByteSource {
    private var received = 0L

    override val isExhausted: Boolean get() = channel.isClosedForRead

    override suspend fun read(buffer: ByteArray, offset: Int, length: Int): Int {
        val read = try {
            channel.readAvailable(buffer, offset, length)
        } catch (e: CancellationException) {
            throw Cancellations.unlessOwn(e)
        }
        if (read < 0) BodyEnd.check(channel, received, expectedLength) else received += read
        return read
    }
}

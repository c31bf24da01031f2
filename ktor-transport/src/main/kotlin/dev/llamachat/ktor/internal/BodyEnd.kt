package dev.llamachat.ktor.internal

import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.bodyAsChannel
import io.ktor.http.HttpHeaders
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import java.io.IOException
import kotlinx.coroutines.cancel

/**
 * Tells a body that ended from one that broke. Ktor's `readAvailable` returns -1 on a channel closed with an
 * error too, so reading -1 is not enough: the channel's close cause, and a `Content-Length` not reached, mean
 * the connection broke, which is an I/O failure (retried where the rules allow), not a malformed answer.
 */
internal object BodyEnd {
    /**
     * After a read returned -1 having read [received] bytes in all: throws if the channel was closed because the
     * connection broke, or before [expectedLength] (see [expectedLength]) was reached (CIO ends a cut
     * `Content-Length` body as if it were whole).
     */
    fun check(channel: ByteReadChannel, received: Long, expectedLength: Long?) {
        channel.closedCause?.let { cause ->
            throw cause as? IOException ?: IOException("The response body broke off: ${cause.message ?: cause.javaClass.simpleName}", cause)
        }
        if (expectedLength != null && received < expectedLength) {
            throw IOException("The response body broke off after $received of its $expectedLength bytes")
        }
    }

    /** The `Content-Length` a whole body has, or null if unknown (chunked, or decompressed by the engine). */
    fun expectedLength(response: HttpResponse): Long? {
        // A decompressing engine hands over more bytes than the header counts; only plain bodies compare.
        if (response.headers[HttpHeaders.ContentEncoding] != null) return null
        return response.headers[HttpHeaders.ContentLength]?.toLongOrNull()
    }

    /**
     * Reads at most [max] bytes of [response]'s body; throws an `IOException` if it broke off. If more remain,
     * the response is cancelled so that the engine closes the connection at once: left half-read, CIO keeps it
     * open and at times holds up the next request until its timeout.
     */
    suspend fun readBounded(response: HttpResponse, max: Int): ByteArray {
        val channel = response.bodyAsChannel()
        var buffer = ByteArray(minOf(max, 8192))
        var size = 0
        while (size < max) {
            if (size == buffer.size) buffer = buffer.copyOf(minOf(max, buffer.size * 2))
            val read = channel.readAvailable(buffer, size, buffer.size - size)
            if (read < 0) {
                check(channel, size.toLong(), expectedLength(response))
                break
            }
            size += read
        }
        if (!channel.isClosedForRead) response.cancel()
        return if (size == buffer.size) buffer else buffer.copyOf(size)
    }
}

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
    /** After a read returned -1: throws if the channel was closed because the connection broke. */
    fun check(channel: ByteReadChannel) {
        val cause = channel.closedCause ?: return
        throw cause as? IOException ?: IOException("The response body broke off: ${cause.message ?: cause.javaClass.simpleName}", cause)
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
                check(channel)
                checkLength(response, size)
                break
            }
            size += read
        }
        if (!channel.isClosedForRead) response.cancel()
        return if (size == buffer.size) buffer else buffer.copyOf(size)
    }

    /** A body shorter than its `Content-Length` was cut, whatever the engine made of the early end. */
    private fun checkLength(response: HttpResponse, size: Int) {
        // A decompressing engine hands over more bytes than the header counts; only plain bodies compare.
        if (response.headers[HttpHeaders.ContentEncoding] != null) return
        val expected = response.headers[HttpHeaders.ContentLength]?.toLongOrNull() ?: return
        if (size < expected) throw IOException("The response body broke off after $size of its $expected bytes")
    }
}

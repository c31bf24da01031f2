package dev.llamachat.ktor.internal

import io.ktor.client.statement.HttpResponse
import io.ktor.http.HttpHeaders
import io.ktor.utils.io.ByteReadChannel
import java.io.IOException

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
}

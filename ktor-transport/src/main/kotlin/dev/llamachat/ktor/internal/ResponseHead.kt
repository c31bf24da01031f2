package dev.llamachat.ktor.internal

import dev.llamachat.internal.ByteSource

/**
 * A response as far as its head: what [HttpTransport] and the [BodyReader]s see of it, whichever [Exchange]
 * carried it. The body is read at most once, either as a stream or whole.
 *
 * @property headers the response's headers, their names lower-cased.
 */
internal abstract class ResponseHead(val status: Int, val headers: Map<String, List<String>>) {
    val isSuccess: Boolean get() = status in 200..299

    /** The first value of the header [name], given lower-cased. */
    fun header(name: String): String? = headers[name]?.firstOrNull()

    val contentType: String? get() = header("content-type")

    /**
     * The body as it arrives. A body cut by a broken connection, or short of its `Content-Length`, fails with an
     * `IOException` (the decoder reports it as `StreamInterruptedException`), never as a clean end.
     */
    abstract fun stream(): ByteSource

    /**
     * At most [max] bytes of the body; an `IOException` if it broke off. If more remain, the rest is given up
     * ([giveUp]) rather than read on.
     */
    suspend fun readBounded(max: Int): ByteArray {
        val source = whole()
        var buffer = ByteArray(minOf(max, 8192))
        var size = 0
        while (size < max) {
            if (size == buffer.size) buffer = buffer.copyOf(minOf(max, buffer.size * 2))
            val read = source.read(buffer, size, buffer.size - size)
            if (read < 0) return buffer.copyOf(size)
            size += read
        }
        giveUp()
        return buffer
    }

    /** The body for [readBounded], read whole: it may differ from [stream] where a client transforms bodies. */
    protected abstract suspend fun whole(): ByteSource

    /** Ends a body [readBounded] stopped reading so that the connection is closed, not left half-read. */
    protected abstract fun giveUp()
}

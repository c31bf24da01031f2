package dev.llamachat.internal

import dev.llamachat.InternalLlamaChatApi

/** A response body as a transport delivers it: the seam between an HTTP client and core's stream decoding. */
@InternalLlamaChatApi
public fun interface ByteSource {
    /**
     * Reads up to [length] bytes into `buffer[offset ...]`, suspending until at least one is available.
     * @return how many bytes were read, or -1 at the end of the body.
     */
    public suspend fun read(buffer: ByteArray, offset: Int, length: Int): Int
}

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

    /**
     * Whether the body has ended and every byte of it was read, as far as the source knows without waiting (false
     * when it cannot tell): what is left after a turn's `stop` then needs no read, nor a deadline for one.
     */
    public val isExhausted: Boolean get() = false
}

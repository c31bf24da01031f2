package dev.llamachat.ktor.internal

import java.io.IOException
import java.util.concurrent.atomic.AtomicInteger
import okhttp3.MediaType
import okhttp3.ResponseBody
import okio.Buffer
import okio.BufferedSource
import okio.ForwardingSource
import okio.buffer

/**
 * A response body that belongs either to its reader or to a cancellation, never to both. The reader claims it by
 * its first read (or its close); from then on only the reader closes it. A cancellation closes it only while
 * nobody has claimed it, and a reader that comes later gets an `IOException`. An okio source is not thread-safe:
 * closed on the cancelling thread while read on the engine's, it hands the same segment to two buffers.
 */
internal class ClaimableBody(private val delegate: ResponseBody) : ResponseBody() {
    private val state = AtomicInteger(UNCLAIMED)

    private val source: BufferedSource = object : ForwardingSource(delegate.source()) {
        override fun read(sink: Buffer, byteCount: Long): Long {
            claim()
            return super.read(sink, byteCount)
        }

        override fun close() {
            if (tryClaim()) super.close()
        }
    }.buffer()

    override fun contentType(): MediaType? = delegate.contentType()

    override fun contentLength(): Long = delegate.contentLength()

    override fun source(): BufferedSource = source

    /** Closes the body if no reader has claimed it; returns whether it did. */
    fun closeUnclaimed(): Boolean {
        if (!state.compareAndSet(UNCLAIMED, CANCELLED)) return false
        delegate.close()
        return true
    }

    private fun claim() {
        if (!tryClaim()) throw IOException("Canceled")
    }

    private fun tryClaim(): Boolean = state.get() == CLAIMED || state.compareAndSet(UNCLAIMED, CLAIMED)

    private companion object {
        const val UNCLAIMED = 0
        const val CLAIMED = 1
        const val CANCELLED = 2
    }
}

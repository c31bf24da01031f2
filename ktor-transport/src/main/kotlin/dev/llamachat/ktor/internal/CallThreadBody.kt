package dev.llamachat.ktor.internal

import dev.llamachat.internal.ByteSource
import java.util.concurrent.locks.ReentrantLock
import kotlin.concurrent.withLock
import kotlin.coroutines.resume
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.suspendCancellableCoroutine
import okio.Buffer

/**
 * A response body read on OkHttp's call thread, handed to the caller's coroutine as core's [ByteSource]. The
 * thread appends what it read and blocks only while [limit] bytes are unread (a slow collector holds up that one
 * call thread, never a coroutine thread); the reader takes everything held at once and suspends only when nothing
 * is, so a busy reader costs the thread a lock per read, not a wake-up.
 *
 * Memory (issue 13's figure, a flushing server's wire of one ~70-byte HTTP chunk per event):
 * - The limit counts what the reader took until it has read it; counting only what is still queued let the call
 *   thread queue another [limit] meanwhile. The reader gives back what it read every quarter of the limit, so the
 *   call thread reads on while it works.
 * - What arrives while earlier bytes still wait is appended to the last block, [BLOCK] bytes each: a lagging reader
 *   leaves 16 blocks for 64 KiB, not a thousand arrays of 70 bytes with a header each. A reader that keeps up gets
 *   each read in an array of its own size, as before: a block per event would allocate 4 KiB for 70 bytes.
 */
internal class CallThreadBody(private val limit: Int) : ByteSource {
    private val lock = ReentrantLock()
    private val notFull = lock.newCondition()
    private val blocks = ArrayDeque<ByteArray>()

    /** How much of the last of [blocks] is filled; the others are full (see [append]). */
    private var lastFilled = 0
    private var held = 0
    private var waiting: CancellableContinuation<Unit>? = null
    private var ended = false
    private var failure: Throwable? = null
    private var abandoned = false

    // The reader's own: the blocks it took (the last filled up to takenLastFilled), how far into the first, and the
    // bytes read but not yet given back.
    private val taken = ArrayDeque<ByteArray>()
    private var takenLastFilled = 0
    private var offset = 0
    private var unreleased = 0
    private val releaseStep = maxOf(1, limit / 4)

    override val isExhausted: Boolean get() = taken.isEmpty() && lock.withLock { ended && blocks.isEmpty() }

    /** Whether the call thread read the whole body before the reader left: the connection can serve another call. */
    val isComplete: Boolean get() = lock.withLock { complete }
    private var complete = false

    /**
     * On the call thread: moves every byte of [source] (the response's own okio buffer, so that no array of the
     * thread's own sits between it and this body), waiting while [limit] bytes are unread; false once the reader
     * has gone.
     */
    fun put(source: Buffer): Boolean {
        val reader = lock.withLock {
            while (held >= limit && !abandoned) notFull.await()
            if (abandoned) return false
            val length = source.size.toInt()
            append(source, length)
            held += length
            waiting.also { waiting = null }
        }
        reader?.resume(Unit)
        return true
    }

    /**
     * Under the lock: fills the last block, the rest going into a new one (see the class comment), so that every
     * block but the last is full.
     */
    private fun append(source: Buffer, length: Int) {
        var from = 0
        blocks.lastOrNull()?.let { last ->
            from = minOf(length, last.size - lastFilled)
            source.readInto(last, lastFilled, from)
            lastFilled += from
        }
        if (from == length) return
        val rest = length - from
        val block = if (blocks.isEmpty()) ByteArray(rest) else ByteArray(maxOf(BLOCK, rest))
        source.readInto(block, 0, rest)
        blocks.addLast(block)
        lastFilled = rest
    }

    /** Reads exactly [count] bytes into `target[offset ...]`; okio's `read` stops at the end of a segment. */
    private fun Buffer.readInto(target: ByteArray, offset: Int, count: Int) {
        var done = 0
        while (done < count) done += read(target, offset + done, count - done)
    }

    /** On the call thread: nothing more comes; [cause] is why the body broke off, null for a whole body. */
    fun end(cause: Throwable?) {
        val reader = lock.withLock {
            ended = true
            failure = cause
            complete = cause == null && !abandoned
            waiting.also { waiting = null }
        }
        reader?.resume(Unit)
    }

    /** In the caller: it is done with the body; the call thread's next [put] returns false. */
    fun abandon() {
        lock.withLock {
            abandoned = true
            notFull.signalAll()
        }
    }

    override suspend fun read(buffer: ByteArray, offset: Int, length: Int): Int {
        if (taken.isEmpty() && !takeAll()) return -1
        // As much as fits: each read costs the decoder a suspension point and its idle timeout.
        var count = 0
        while (count < length) {
            val block = taken.firstOrNull() ?: break
            val filled = if (taken.size == 1) takenLastFilled else block.size
            val n = minOf(length - count, filled - this.offset)
            block.copyInto(buffer, offset + count, this.offset, this.offset + n)
            count += n
            this.offset += n
            if (this.offset == filled) {
                taken.removeFirst()
                this.offset = 0
            }
        }
        unreleased += count
        if (unreleased >= releaseStep) lock.withLock { release() }
        return count
    }

    /** Under the lock: gives back the bytes read since the last time, waking a call thread held by the limit. */
    private fun release() {
        held -= unreleased
        unreleased = 0
        notFull.signal()
    }

    /** Moves every block held to the reader's own [taken], waiting for one; false at the end of a whole body. */
    private suspend fun takeAll(): Boolean {
        while (true) {
            lock.withLock {
                release()
                if (blocks.isNotEmpty()) {
                    taken.addAll(blocks)
                    takenLastFilled = lastFilled
                    blocks.clear()
                    return true
                }
                if (ended) failure?.let { throw it } ?: return false
            }
            suspendCancellableCoroutine { continuation ->
                val ready = lock.withLock { (blocks.isNotEmpty() || ended).also { if (!it) waiting = continuation } }
                if (ready) continuation.resume(Unit)
            }
        }
    }

    private companion object {
        /** The block a lagging reader's bytes are gathered in. */
        const val BLOCK = 4096
    }
}

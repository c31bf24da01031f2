package dev.llamachat.ktor.internal

import dev.llamachat.internal.ByteSource
import java.util.concurrent.locks.ReentrantLock
import kotlin.concurrent.withLock
import kotlin.coroutines.resume
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * A response body read on OkHttp's call thread, handed to the caller's coroutine as core's [ByteSource]. The
 * thread appends each chunk it read and blocks only while [limit] bytes wait untaken (a slow collector holds up
 * that one call thread, never a coroutine thread); the reader takes all chunks held at once and suspends only
 * when none is, so a busy reader costs the thread a lock per chunk, not a wake-up.
 */
internal class CallThreadBody(private val limit: Int) : ByteSource {
    private val lock = ReentrantLock()
    private val notFull = lock.newCondition()
    private val chunks = ArrayDeque<ByteArray>()
    private var held = 0
    private var waiting: CancellableContinuation<Unit>? = null
    private var ended = false
    private var failure: Throwable? = null
    private var abandoned = false

    // The reader's own: the chunks it took, and how far into the first.
    private val taken = ArrayDeque<ByteArray>()
    private var offset = 0

    /** Whether the call thread read the whole body before the reader left: the connection can serve another call. */
    val isComplete: Boolean get() = lock.withLock { complete }
    private var complete = false

    /** On the call thread: appends [chunk], waiting while [limit] bytes are held; false once the reader has gone. */
    fun put(chunk: ByteArray): Boolean {
        val reader = lock.withLock {
            while (held >= limit && !abandoned) notFull.await()
            if (abandoned) return false
            chunks.addLast(chunk)
            held += chunk.size
            waiting.also { waiting = null }
        }
        reader?.resume(Unit)
        return true
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
        // As many chunks as fit: each read costs the decoder a suspension point and its idle timeout.
        var count = 0
        while (count < length) {
            val chunk = taken.firstOrNull() ?: break
            val n = minOf(length - count, chunk.size - this.offset)
            chunk.copyInto(buffer, offset + count, this.offset, this.offset + n)
            count += n
            this.offset += n
            if (this.offset == chunk.size) {
                taken.removeFirst()
                this.offset = 0
            }
        }
        return count
    }

    /** Moves every chunk held to the reader's own [taken], waiting for one; false at the end of a whole body. */
    private suspend fun takeAll(): Boolean {
        while (true) {
            lock.withLock {
                if (chunks.isNotEmpty()) {
                    taken.addAll(chunks)
                    chunks.clear()
                    held = 0
                    notFull.signal()
                    return true
                }
                if (ended) failure?.let { throw it } ?: return false
            }
            suspendCancellableCoroutine { continuation ->
                val ready = lock.withLock { (chunks.isNotEmpty() || ended).also { if (!it) waiting = continuation } }
                if (ready) continuation.resume(Unit)
            }
        }
    }
}

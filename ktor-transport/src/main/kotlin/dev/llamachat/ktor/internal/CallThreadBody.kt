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
 * that one call thread, never a coroutine thread); the reader takes a chunk at a time and suspends only when
 * none is held, so a busy reader costs the thread a lock per chunk, not a wake-up.
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

    // The reader's own: the chunk being read and how far.
    private var current: ByteArray? = null
    private var offset = 0

    /** Whether the call thread saw the body's end (cleanly or not): the call is over, nothing to cancel. */
    val isEnded: Boolean get() = lock.withLock { ended }

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
        val chunk = current ?: take() ?: return -1
        val count = minOf(length, chunk.size - this.offset)
        chunk.copyInto(buffer, offset, this.offset, this.offset + count)
        this.offset += count
        if (this.offset == chunk.size) {
            current = null
            this.offset = 0
        } else {
            current = chunk
        }
        return count
    }

    /** The next chunk, waiting for one; null at the end of a whole body. */
    private suspend fun take(): ByteArray? {
        while (true) {
            lock.withLock {
                chunks.removeFirstOrNull()?.let { chunk ->
                    held -= chunk.size
                    notFull.signal()
                    return chunk
                }
                if (ended) failure?.let { throw it } ?: return null
            }
            suspendCancellableCoroutine { continuation ->
                val ready = lock.withLock { (chunks.isNotEmpty() || ended).also { if (!it) waiting = continuation } }
                if (ready) continuation.resume(Unit)
            }
        }
    }
}

package dev.llamachat.benchmarks.clients

import java.util.concurrent.locks.ReentrantLock
import kotlin.concurrent.withLock
import kotlin.coroutines.resume
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * What OkHttp's call thread reads, handed to a collector's coroutine: the thread appends each item (a chunk of the
 * body, or an event) and blocks only while [limit] (in [weight] units) is held; the collector takes everything
 * held at once and suspends only when nothing is. One append per HTTP chunk costs a lock, not a wake-up, while the
 * collector is busy: the collector wakes once per batch, as a byte channel's reader does, but the batch is bounded
 * by [limit], not by a byte channel's fixed 1 MiB.
 */
internal class CallThreadHandoff<T : Any>(private val limit: Int, private val weight: (T) -> Int) {
    private val lock = ReentrantLock()
    private val notFull = lock.newCondition()
    private var items = ArrayList<T>()
    private var held = 0
    private var waiting: CancellableContinuation<Unit>? = null
    private var ended = false
    private var failure: Throwable? = null
    private var abandoned = false

    /** On the call thread: appends [item], waiting while the collector is [limit] behind; false once it has gone. */
    fun put(item: T): Boolean {
        val collector = lock.withLock {
            while (held >= limit && !abandoned) notFull.await()
            if (abandoned) return false
            items.add(item)
            held += weight(item)
            waiting.also { waiting = null }
        }
        collector?.resume(Unit)
        return true
    }

    /** On the call thread: nothing more comes; [cause] is why the body ended early, null for a whole body. */
    fun end(cause: Throwable?) {
        val collector = lock.withLock {
            ended = true
            failure = cause
            waiting.also { waiting = null }
        }
        collector?.resume(Unit)
    }

    /** In the collector: it stopped; the call thread's next [put] returns false. */
    fun abandon() {
        lock.withLock {
            abandoned = true
            notFull.signalAll()
        }
    }

    /** In the collector: all items held, waiting for one if there are none; empty at the end of the body. */
    suspend fun takeAll(): List<T> {
        while (true) {
            lock.withLock {
                if (items.isNotEmpty()) {
                    val taken = items
                    items = ArrayList()
                    held = 0
                    notFull.signal()
                    return taken
                }
                if (ended) failure?.let { throw it } ?: return emptyList()
            }
            suspendCancellableCoroutine { continuation ->
                val ready = lock.withLock {
                    (items.isNotEmpty() || ended).also { if (!it) waiting = continuation }
                }
                if (ready) continuation.resume(Unit)
            }
        }
    }
}

package dev.llamachat.java.internal

import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.locks.LockSupport
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CoroutineDispatcher

/**
 * The dispatcher of a blocking [dev.llamachat.java.EventStream]'s collection: its tasks run on the reader's own
 * thread, while the reader waits for an event ([runUntil]), as `runBlocking` runs its coroutine. Each event then
 * passes from the decoder to the reader on one thread, with no hand-off (no park and unpark) per event; the
 * engine's thread that receives the body only wakes the reader when bytes arrive, as it wakes a Flow's collector.
 *
 * A reader may stop waiting for good (it closed the stream, or the turn was cut by the client's close) while the
 * collection still has work to do: unwinding its cancellation, closing the HTTP call. From [release] on, every
 * task, queued or new, goes to [fallback] instead, so that nothing waits for a reader who is not coming back.
 */
internal class ReaderDispatcher(private val fallback: CoroutineDispatcher) : CoroutineDispatcher() {
    private val tasks = ConcurrentLinkedQueue<Task>()

    @Volatile
    private var released = false

    @Volatile
    private var reader: Thread? = null

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        if (released) return fallback.dispatch(context, block)
        tasks.add(Task(context, block))
        // A release that came in between did not see this task: hand it over here (each is taken once).
        if (released) handOver() else LockSupport.unpark(reader)
    }

    /**
     * Runs the collection's tasks on the calling thread until [ready] returns a value, parking while there are
     * none, and returns that value; or returns null once [release]d (the caller then waits as it would for any
     * other thread). Throws [InterruptedException] if the thread is interrupted while it waits.
     */
    fun <T : Any> runUntil(ready: () -> T?): T? {
        reader = Thread.currentThread()
        try {
            while (true) {
                ready()?.let { return it }
                if (released) return null
                val task = tasks.poll()
                if (task != null) {
                    task.block.run()
                } else {
                    LockSupport.park(this)
                    if (Thread.interrupted()) throw InterruptedException()
                }
            }
        } finally {
            reader = null
        }
    }

    /** From now on the collection runs on [fallback]; wakes a waiting reader. Idempotent. */
    fun release() {
        released = true
        handOver()
        LockSupport.unpark(reader)
    }

    private fun handOver() {
        while (true) {
            val task = tasks.poll() ?: return
            fallback.dispatch(task.context, task.block)
        }
    }

    override fun toString(): String = "ReaderDispatcher(released=$released, fallback=$fallback)"

    private class Task(val context: CoroutineContext, val block: Runnable)
}

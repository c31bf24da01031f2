package dev.llamachat.java.internal

import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.atomic.AtomicReference
import java.util.concurrent.locks.LockSupport
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CoroutineDispatcher

/**
 * The dispatcher of a blocking [dev.llamachat.java.EventStream]'s collection: while the reader waits for an event
 * ([runUntil]), the collection's tasks run on the reader's own thread, as `runBlocking` runs its coroutine, so each
 * event passes from the decoder to the reader with no hand-off (no park and unpark) per event; the engine's thread
 * that receives the body only wakes the reader when bytes arrive, as it wakes a Flow's collector.
 *
 * While no reader waits (it is busy with an event, it closed the stream, it stopped reading), the tasks run on
 * [fallback]: the collection never waits for a reader, so a reader away for longer than the stream's idle timeout
 * does not fail a turn whose bytes kept coming, and a cancelled collection unwinds without one. Every task runs
 * holding [lock], which the reader holds too while it takes an event, so the two never touch the stream's buffer
 * at once.
 */
internal class ReaderDispatcher(private val fallback: CoroutineDispatcher, private val lock: Any) : CoroutineDispatcher() {
    private val tasks = ConcurrentLinkedQueue<Task>()

    /** The thread in [runUntil], if any: one at a time. */
    private val reader = AtomicReference<Thread?>()

    /** Whether this runs on the reader's thread while it waits for an event (in [runUntil]). */
    val onReaderThread: Boolean get() = reader.get() === Thread.currentThread()

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        if (reader.get() == null) return runElsewhere(context, block)
        tasks.add(Task(context, block))
        // A reader that left in between did not see this task: hand it over here (each is taken once).
        val waiting = reader.get()
        if (waiting != null) LockSupport.unpark(waiting) else handOver()
    }

    /**
     * Returns what [ready] (called holding [lock]) returns once it is not null, running the collection's tasks on
     * the calling thread meanwhile and parking while there are none; null at once if another thread is in here (a
     * stream's reader and the thread that closes it after `stop` may both come). Throws [InterruptedException] if
     * the thread is interrupted while it waits.
     */
    fun <T : Any> runUntil(ready: () -> T?): T? {
        if (!reader.compareAndSet(null, Thread.currentThread())) return null
        try {
            while (true) {
                synchronized(lock) { ready() }?.let { return it }
                val task = tasks.poll()
                if (task != null) {
                    synchronized(lock) { task.block.run() }
                } else {
                    LockSupport.park(this)
                    if (Thread.interrupted()) throw InterruptedException()
                }
            }
        } finally {
            reader.set(null)
            handOver()
        }
    }

    private fun handOver() {
        while (true) {
            val task = tasks.poll() ?: return
            runElsewhere(task.context, task.block)
        }
    }

    private fun runElsewhere(context: CoroutineContext, block: Runnable) {
        fallback.dispatch(context) {
            synchronized(lock) { block.run() }
            // A reader that began waiting meanwhile may be waiting for what this task did.
            LockSupport.unpark(reader.get())
        }
    }

    override fun toString(): String = "ReaderDispatcher(reader=$reader, fallback=$fallback)"

    private class Task(val context: CoroutineContext, val block: Runnable)
}

package dev.llamachat.internal

import java.util.concurrent.TimeUnit
import java.util.concurrent.locks.LockSupport
import kotlinx.coroutines.DisposableHandle

/**
 * The real-time [DeadlineTimer]: one daemon thread that sleeps until the earliest deadline it knows of.
 *
 * Why not kotlinx's `delay`/`withTimeout`: outside a dispatcher with a clock of its own (the Java paths' threads,
 * `Dispatchers.IO`, and for `withTimeout` even `runBlocking`) they go to kotlinx's `DefaultExecutor`, which wakes
 * its thread for every timer that becomes its next one. The SDK arms a timer per call and nearly always disarms it
 * long before it is due, so that was a thread woken before every stream's first event: 5-6% of the first event's
 * time on every path (BENCHMARKS.md, stop 25).
 *
 * Here a deadline later than the one the thread sleeps until wakes nobody: the thread finds it when it wakes, and
 * sleeps on until the earliest deadline still armed. With the SDK's long limits (a minute or two) a busy client
 * wakes this thread about once per request timeout, not once per call. An idle thread ends after [keepAliveNanos];
 * that is at most the default request timeout, so a call's deadline never falls before the idle thread's wake-up.
 */
internal class TimerThread(
    private val name: String,
    private val keepAliveNanos: Long = TimeUnit.SECONDS.toNanos(60),
) : DeadlineTimer, Runnable {
    private val lock = Any()
    private val heap = DeadlineHeap()

    // Guarded by lock: the thread (null when there is none), when it will wake up by itself, and since when it has
    // had nothing to wait for.
    private var thread: Thread? = null
    private var wakeAt = 0L
    private var idleSince = 0L
    private var idle = false

    /** How many deadlines are armed; for tests. */
    val pending: Int get() = synchronized(lock) { heap.size }

    /** Whether the thread is there (it ends when idle); for tests. */
    val isRunning: Boolean get() = synchronized(lock) { thread != null }

    override fun nanoTime(): Long = System.nanoTime()

    override fun schedule(delayNanos: Long, action: Runnable): DisposableHandle {
        val entry = Deadline(System.nanoTime() + delayNanos.coerceAtLeast(0), action)
        val wake = synchronized(lock) {
            heap.add(entry)
            val running = thread
            when {
                running == null -> {
                    try {
                        start()
                    } catch (e: Throwable) {
                        // No thread (out of memory or threads): the caller fails, and leaves no deadline behind.
                        heap.remove(entry)
                        throw e
                    }
                    null
                }
                // The thread would wake too late for this deadline: it must re-plan now.
                entry.at - wakeAt < 0 -> running.also { wakeAt = entry.at }
                else -> null
            }
        }
        if (wake != null) LockSupport.unpark(wake)
        return entry
    }

    /** A deadline of this timer's: its own handle, so that arming one costs one object. */
    private inner class Deadline(at: Long, action: Runnable) : DeadlineHeap.Entry(at, action), DisposableHandle {
        override fun dispose() {
            synchronized(lock) { heap.remove(this) }
        }
    }

    /** Under the lock. */
    private fun start() {
        val started = Thread(this, name)
        started.isDaemon = true
        started.start()
        thread = started
        idle = false
        wakeAt = System.nanoTime()
    }

    /** The thread's body; not to be called otherwise. */
    override fun run() {
        try {
            loop()
        } finally {
            // Ended by a failure rather than by being idle: a successor takes the deadlines still armed.
            synchronized(lock) {
                if (thread === Thread.currentThread()) {
                    thread = null
                    if (heap.size > 0) start()
                }
            }
        }
    }

    private fun loop() {
        while (true) {
            var due: DeadlineHeap.Entry? = null
            var sleep = 0L
            synchronized(lock) {
                val now = System.nanoTime()
                val head = heap.peek()
                when {
                    head != null && head.at - now <= 0 -> {
                        heap.remove(head)
                        due = head
                    }
                    head != null -> {
                        idle = false
                        wakeAt = head.at
                    }
                    !idle -> {
                        idle = true
                        idleSince = now
                        wakeAt = now + keepAliveNanos
                    }
                    now - idleSince >= keepAliveNanos -> {
                        thread = null
                        return
                    }
                    else -> wakeAt = idleSince + keepAliveNanos
                }
                sleep = wakeAt - now
            }
            val action = due?.action
            if (action != null) runSafely(action) else LockSupport.parkNanos(this, sleep)
        }
    }

    /** A failing action is the SDK's bug; it must not stop the deadlines after it. */
    private fun runSafely(action: Runnable) {
        try {
            action.run()
        } catch (e: Throwable) {
            val current = Thread.currentThread()
            current.uncaughtExceptionHandler.uncaughtException(current, e)
        }
    }
}

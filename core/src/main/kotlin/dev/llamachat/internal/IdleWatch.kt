package dev.llamachat.internal

import java.time.Duration
import java.util.concurrent.atomic.AtomicLong
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.Job

/**
 * A stream's idle limit: no read may wait longer than [limit]. One deadline per stream, not one per read:
 * a read only notes when it began, and when the deadline comes the watch either finds the read that is waiting
 * too old (then cancels [job], the scope the reads run in) or sets the next deadline from when that read began.
 * So a read costs a clock reading and two atomic writes; the earlier `withTimeoutOrNull` per read cost a
 * coroutine, a timer in kotlinx's `DefaultExecutor` and often a wake-up of its thread.
 *
 * The limit bounds reads only: a collector that takes its time between them never times out the stream.
 */
internal class IdleWatch(
    private val timer: DeadlineTimer,
    val limit: Duration,
    private val job: Job,
) : Runnable {
    private val limitNanos = limit.toNanos()
    // The timer's time when the read now waiting began; IDLE between reads; TIMED_OUT once a read was given up.
    private val state = AtomicLong(IDLE)
    private var deadline: DisposableHandle? = null
    private var closed = false

    /** Whether a read was given up: the scope was cancelled for it, and the stream has timed out. */
    val timedOut: Boolean get() = state.get() == TIMED_OUT

    fun start(): IdleWatch = apply { arm(limitNanos) }

    /** Before a read; returns what [afterRead] takes. */
    fun beforeRead(): Long = timer.nanoTime().also { state.set(it) }

    /** After a read that began at [began]; false if it had already been given up. */
    fun afterRead(began: Long): Boolean = state.compareAndSet(began, IDLE)

    /** On the timer's thread, at the deadline. */
    override fun run() {
        while (true) {
            val began = state.get()
            if (began == TIMED_OUT) return
            if (began == IDLE) return arm(limitNanos)
            val waited = timer.nanoTime() - began
            if (waited < limitNanos) return arm(limitNanos - waited)
            // The read may end at this very moment; only one of the two wins.
            if (state.compareAndSet(began, TIMED_OUT)) return job.cancel()
        }
    }

    @Synchronized
    private fun arm(delayNanos: Long) {
        if (!closed) deadline = timer.schedule(delayNanos, this)
    }

    /** The stream ended: no deadline stays behind (it would hold the stream's scope until it was due). */
    @Synchronized
    fun close() {
        closed = true
        deadline?.dispose()
    }
}

// Top level rather than in a companion: constants need no class of their own at run time.
private const val IDLE = Long.MIN_VALUE
private const val TIMED_OUT = Long.MIN_VALUE + 1

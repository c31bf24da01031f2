package dev.llamachat.ktor

import dev.llamachat.internal.DeadlineTimer
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.DisposableHandle

/** Real deadlines, counted: how many were [scheduled], and how many are [armed] (neither disposed nor run yet). */
internal class CountingDeadlines : DeadlineTimer {
    private val timer = DeadlineTimer.SYSTEM
    private val pending = AtomicInteger()
    private val total = AtomicInteger()

    val armed: Int get() = pending.get()
    val scheduled: Int get() = total.get()

    override fun nanoTime(): Long = timer.nanoTime()

    override fun schedule(delayNanos: Long, action: Runnable): DisposableHandle {
        val over = AtomicBoolean()
        total.incrementAndGet()
        pending.incrementAndGet()
        val handle = timer.schedule(delayNanos) { if (over.compareAndSet(false, true)) pending.decrementAndGet().also { action.run() } }
        return DisposableHandle {
            if (over.compareAndSet(false, true)) pending.decrementAndGet()
            handle.dispose()
        }
    }
}

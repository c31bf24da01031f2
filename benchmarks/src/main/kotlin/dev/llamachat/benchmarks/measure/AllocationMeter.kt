package dev.llamachat.benchmarks.measure

import java.lang.management.ManagementFactory

/**
 * Bytes allocated by every live thread of this JVM (HotSpot's per-thread counters, summed). A client's reading
 * may happen on engine threads rather than the caller's, so one thread's counter would miss it; threads that
 * end between two readings drop out, which the pooled threads of every client here do not.
 */
internal object AllocationMeter {
    private val threads = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean

    val supported: Boolean = runCatching { threads.isThreadAllocatedMemorySupported && threads.isThreadAllocatedMemoryEnabled }
        .getOrDefault(false)

    /** Allocated bytes by thread id, for [since]. */
    fun snapshot(): Map<Long, Long> {
        if (!supported) return emptyMap()
        val ids = threads.allThreadIds
        val bytes = threads.getThreadAllocatedBytes(ids)
        return ids.indices.filter { bytes[it] >= 0 }.associate { ids[it] to bytes[it] }
    }

    /** Bytes allocated since [before] by the threads alive now (a thread born since counts from zero). */
    fun since(before: Map<Long, Long>): Long {
        if (!supported) return -1
        return snapshot().entries.sumOf { (id, now) -> now - (before[id] ?: 0L) }
    }
}

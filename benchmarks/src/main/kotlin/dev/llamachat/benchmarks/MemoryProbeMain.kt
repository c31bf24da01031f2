@file:JvmName("MemoryProbeMain")

package dev.llamachat.benchmarks

import dev.llamachat.benchmarks.clients.ClientCatalog
import dev.llamachat.benchmarks.measure.AllocationMeter
import java.lang.management.ManagementFactory
import java.util.Locale
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.concurrent.thread
import kotlinx.coroutines.runBlocking

/**
 * The child JVM of the memory figure (started with a small `-Xmx` by the harness): streams one long turn through
 * one client while a sampler thread forces a GC every [SAMPLE_MILLIS] ms and records the heap left in use.
 * Prints one line: `memory client=... maxHeapAfterGc=<bytes> baselineHeapAfterGc=<bytes> gcSamples=<n>
 * bytesPerEvent=<n> seconds=<n>`; an OutOfMemoryError ends it with a non-zero status.
 *
 * Arguments: `--base-url URL --api-key KEY --warm-session ID --session ID --client ID --events N`.
 */
public fun main(args: Array<String>) {
    val options = args.toList().chunked(2).associate { it[0].removePrefix("--") to it.getOrElse(1) { "" } }
    val events = options.getValue("events").toInt()
    val session = options.getValue("session")
    val memory = ManagementFactory.getMemoryMXBean()
    ClientCatalog(options.getValue("base-url"), options.getValue("api-key")).create(options.getValue("client")).use { client ->
        runBlocking { client.runTurn(options.getValue("warm-session"), "bench:1000") {} } // loads and links the whole path first
        System.gc()
        val baseline = memory.heapMemoryUsage.used
        var maxAfterGc = baseline
        var samples = 0
        val running = AtomicBoolean(true)
        val sampler = thread(name = "heap-sampler", isDaemon = true) {
            while (running.get()) {
                Thread.sleep(SAMPLE_MILLIS)
                if (!running.get()) break
                System.gc()
                maxAfterGc = maxOf(maxAfterGc, memory.heapMemoryUsage.used)
                samples++
            }
        }
        val allocBefore = AllocationMeter.snapshot()
        val start = System.nanoTime()
        val delivered = runBlocking { client.runTurn(session, "bench:$events") {} }
        val seconds = (System.nanoTime() - start) / 1e9
        val allocated = AllocationMeter.since(allocBefore)
        running.set(false)
        sampler.join()
        check(delivered == events + 2 || delivered < 0) { "delivered $delivered events, expected ${events + 2}" }
        val perEvent = if (allocated < 0) -1.0 else allocated.toDouble() / (events + 2)
        println(
            "memory client=${options.getValue("client")} maxHeapAfterGc=$maxAfterGc baselineHeapAfterGc=$baseline " +
                "gcSamples=$samples bytesPerEvent=${String.format(Locale.ROOT, "%.1f", perEvent)} seconds=${String.format(Locale.ROOT, "%.3f", seconds)}",
        )
    }
}

private const val SAMPLE_MILLIS = 100L

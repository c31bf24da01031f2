@file:JvmName("MemoryProbeMain")

package dev.llamachat.benchmarks

import dev.llamachat.benchmarks.clients.ClientCatalog
import dev.llamachat.benchmarks.measure.AllocationMeter
import dev.llamachat.benchmarks.measure.ClassCensus
import dev.llamachat.benchmarks.server.BenchTurn
import java.lang.management.ManagementFactory
import java.util.Locale
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong
import kotlin.concurrent.thread
import kotlinx.coroutines.runBlocking

/**
 * The child JVM of the memory figure (started with a small `-Xmx` by the harness): streams one long turn through
 * one client while a sampler thread forces a GC every [SAMPLE_MILLIS] ms and records the heap left in use, apart
 * for the `text_delta` phase and for the whole turn (the final `text` event carries the whole answer at once).
 * Prints one line, `memory key=value ... failure=<text>`; see [dev.llamachat.benchmarks.measure.runMemoryProbe].
 *
 * Arguments: `--base-url URL --api-key KEY --warm-session ID --session ID --client ID --prompt bench:N[:flags]`.
 */
public fun main(args: Array<String>) {
    val options = args.toList().chunked(2).associate { it[0].removePrefix("--") to it.getOrElse(1) { "" } }
    val prompt = options.getValue("prompt")
    val turn = requireNotNull(BenchTurn.parse(prompt)) { "not a bench prompt: $prompt" }
    val memory = ManagementFactory.getMemoryMXBean()
    val clientId = options.getValue("client")
    // A client that skips the whole-answer `text` delivers every event but that one.
    val expected = if (clientId == ClientCatalog.SDK_FLOW_SKIP_TEXT && turn.withText) turn.events - 1 else turn.events
    // A client that reads on its own threads (OkHttp) may die there of an OutOfMemoryError without telling the
    // caller, which would then wait forever: report it and end.
    Thread.setDefaultUncaughtExceptionHandler { thread, e ->
        if (e is OutOfMemoryError) {
            println("memory client=$clientId completed=false failure=OutOfMemoryError on thread ${thread.name}")
            Runtime.getRuntime().halt(3)
        }
        e.printStackTrace()
    }
    ClientCatalog(options.getValue("base-url"), options.getValue("api-key")).create(clientId).use { client ->
        runBlocking { client.runTurn(options.getValue("warm-session"), "bench:1000") {} } // loads and links the whole path first
        System.gc()
        val baseline = memory.heapMemoryUsage.used
        ClassCensus.writeHistogram(clientId)
        val deltaSamples = java.util.concurrent.ConcurrentLinkedQueue<Long>()
        val maxDeltas = AtomicLong(baseline)
        val maxAll = AtomicLong(baseline)
        val samples = AtomicLong()
        val deltasOver = AtomicBoolean()
        val running = AtomicBoolean(true)
        val sampler = thread(name = "heap-sampler", isDaemon = true) {
            while (running.get()) {
                Thread.sleep(SAMPLE_MILLIS)
                if (!running.get()) break
                val inDeltas = !deltasOver.get()
                System.gc()
                val used = memory.heapMemoryUsage.used
                if (inDeltas) {
                    maxDeltas.accumulateAndGet(used, ::maxOf)
                    deltaSamples.add(used)
                }
                maxAll.accumulateAndGet(used, ::maxOf)
                samples.incrementAndGet()
            }
        }
        var delivered = 0
        val allocBefore = AllocationMeter.snapshot()
        val start = System.nanoTime()
        val failure = try {
            runBlocking {
                client.runTurn(options.getValue("session"), prompt, onEvent = { type ->
                    delivered++
                    if (delivered == turn.deltas / 2) ClassCensus.writeHistogram(clientId, "-deltas")
                    // The last delta ends the phase: what follows is the `text` event being read (whole answer).
                    if (type != "text_delta" || delivered == turn.deltas) deltasOver.set(true)
                }) {}
            }
            null
        } catch (e: Throwable) { // OutOfMemoryError included: reporting it is the point
            "${e.javaClass.simpleName}: ${e.message}"
        }
        val seconds = (System.nanoTime() - start) / 1e9
        val allocated = AllocationMeter.since(allocBefore)
        running.set(false)
        sampler.join()
        val medianDeltas = deltaSamples.sorted().let { if (it.isEmpty()) baseline else it[it.size / 2] }
        val perEvent = if (allocated < 0 || delivered == 0) -1.0 else allocated.toDouble() / delivered
        println(
            "memory client=$clientId completed=${failure == null && delivered == expected} delivered=$delivered " +
                "maxHeapAfterGcDeltas=${maxDeltas.get()} medianHeapAfterGcDeltas=$medianDeltas maxHeapAfterGc=${maxAll.get()} baselineHeapAfterGc=$baseline " +
                "gcSamples=${samples.get()} bytesPerEvent=${String.format(Locale.ROOT, "%.1f", perEvent)} " +
                "seconds=${String.format(Locale.ROOT, "%.3f", seconds)} failure=${failure ?: ""}",
        )
    }
}

private const val SAMPLE_MILLIS = 100L

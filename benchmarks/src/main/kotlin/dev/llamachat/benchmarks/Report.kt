package dev.llamachat.benchmarks

import dev.llamachat.benchmarks.clients.ClientCatalog
import dev.llamachat.benchmarks.measure.ConcurrencyResult
import dev.llamachat.benchmarks.measure.ConnectionsResult
import dev.llamachat.benchmarks.measure.DecoderResult
import dev.llamachat.benchmarks.measure.FirstEventResult
import dev.llamachat.benchmarks.measure.MemoryResult
import dev.llamachat.benchmarks.measure.PairedRatio
import dev.llamachat.benchmarks.measure.ThroughputResult
import java.io.PrintStream
import java.lang.management.ManagementFactory
import java.util.Locale

/** Prints the results as Markdown tables (readable in a terminal, pasted as is into BENCHMARKS.md). */
internal class Report(private val out: PrintStream) {
    fun header(options: BenchOptions) {
        val runtime = ManagementFactory.getRuntimeMXBean()
        out.println("# llamachat stream benchmarks${if (options.smoke) " (SMOKE RUN: the numbers mean nothing)" else ""}")
        out.println(
            "JVM ${runtime.vmName} ${runtime.vmVersion}, ${Runtime.getRuntime().availableProcessors()} cores, " +
                "${System.getProperty("os.name")} ${System.getProperty("os.arch")}; the benchmark server in its own JVM on loopback, one HTTP chunk per event (written in 64 KiB blocks, or one write each) or one Content-Length body.",
        )
        out.println("Options: $options")
        out.println("Load average at start: ${loadAverage()} (other work on the machine shows here; the ratios come from interleaved runs)")
    }

    fun throughput(results: Map<String, ThroughputResult>, events: Int, framing: String) {
        val reference = results[ClientCatalog.REFERENCE]?.eventsPerSecond
        val okhttpSse = results[ClientCatalog.OKHTTP_SSE]?.eventsPerSecond
        out.println("\n## 1. Single stream, $framing: bench:$events (${events + 2} events), median of the measured turns")
        table(
            listOf("client", "events/s", "vs ideal parser (reference)", "vs okhttp-sse", "allocated B/event (this JVM)"),
            results.values.map { r ->
                listOf(
                    r.client, rate(r.eventsPerSecond), reference?.let { ratio(r.eventsPerSecond / it) } ?: "-",
                    okhttpSse?.let { ratio(r.eventsPerSecond / it) } ?: "-", bytes(r.bytesPerEvent),
                )
            },
        )
    }

    /** [early] after the first warm-up, [steady] after the longer one (the targets' figure), side by side. */
    fun firstEvent(early: Map<String, FirstEventResult>, steady: Map<String, FirstEventResult>, options: BenchOptions) {
        val reference = steady[ClientCatalog.REFERENCE]?.medianMillis
        val okhttpSse = steady[ClientCatalog.OKHTTP_SSE]?.medianMillis
        val okhttpSseEarly = early[ClientCatalog.OKHTTP_SSE]?.medianMillis
        val steadyAfter = options.firstEventWarmup + options.firstEventTurns + options.firstEventSteadyWarmup
        out.println("\n## 2. First event: bench:1, request sent -> first event delivered, kept-alive connection")
        out.println(
            "Steady state: ${options.firstEventSteadyTurns} turns per client after $steadyAfter (the targets' figure); " +
                "early: ${options.firstEventTurns} turns after ${options.firstEventWarmup}, while part of each client's code still " +
                "runs in the JIT's first tiers.",
        )
        table(
            listOf("client", "median ms", "p90 ms", "vs reference", "vs okhttp-sse", "early: median ms", "early: vs okhttp-sse"),
            steady.map { (id, r) ->
                val e = early[id]
                listOf(
                    r.client, ms(r.medianMillis), ms(r.p90Millis), reference?.let { ratio(r.medianMillis / it) } ?: "-",
                    okhttpSse?.let { ratio(r.medianMillis / it) } ?: "-", e?.let { ms(it.medianMillis) } ?: "-",
                    e?.let { m -> okhttpSseEarly?.let { ratio(m.medianMillis / it) } } ?: "-",
                )
            },
        )
    }

    fun connections(results: Map<String, ConnectionsResult>) {
        out.println("\n## 3. Connections: sequential bench:1 turns through one new client, counted on the server")
        table(listOf("client", "calls", "TCP connections"), results.values.map { listOf(it.client, it.calls.toString(), it.connections.toString()) })
    }

    fun concurrency(results: Map<String, ConcurrencyResult>, single: Map<String, ThroughputResult>) {
        out.println("\n## 5. Concurrency, full speed: streams at once through one client (second of two rounds)")
        table(
            listOf(
                "client", "streams x events", "max in flight", "aggregate events/s", "vs its single stream", "seconds",
                "last first event / first end, ms", "server: max turns running",
            ),
            results.map { (id, r) ->
                listOf(
                    r.client, "${r.streams} x ${r.eventsPerStream}", "${r.maxInFlight}/${r.streams}", rate(r.aggregateEventsPerSecond),
                    single[id]?.let { ratio(r.aggregateEventsPerSecond / it.eventsPerSecond) } ?: "-", fmt("%.3f", r.seconds),
                    fmt("%.0f / %.0f", r.lastFirstEventMillis, r.firstEndMillis), if (r.serverMaxRunningTurns < 0) "-" else r.serverMaxRunningTurns.toString(),
                )
            },
        )
    }

    fun pacedConcurrency(results: Map<String, ConcurrencyResult>, options: BenchOptions) {
        out.println(
            "\n## 5b. Concurrency, paced: bench:${options.pacedEvents} with ${options.paceMillis} ms between events " +
                "(each stream lasts ~${options.pacedEvents * options.paceMillis} ms): are all in flight together?",
        )
        table(
            listOf("client", "streams", "max in flight", "last first event / first end, ms", "server: max turns running", "seconds"),
            results.values.map { r ->
                listOf(
                    r.client, r.streams.toString(), "${r.maxInFlight}/${r.streams}", fmt("%.0f / %.0f", r.lastFirstEventMillis, r.firstEndMillis),
                    if (r.serverMaxRunningTurns < 0) "-" else r.serverMaxRunningTurns.toString(), fmt("%.3f", r.seconds),
                )
            },
        )
    }

    fun memory(results: List<MemoryResult>, options: BenchOptions) {
        if (results.isEmpty()) return
        out.println("\n## 4. Memory: ${options.memoryEvents} deltas in a child JVM with -Xmx${options.memoryHeap}, GC forced every 100 ms")
        out.println("(heap after GC: during the text_delta events, and over the whole turn including the final `text` event if sent)")
        table(
            listOf(
                "client", "turn", "completed", "events delivered", "heap after GC, deltas: median / max", "heap after GC, whole turn",
                "at rest", "allocated B/event", "seconds", "failure",
            ),
            results.map { r ->
                listOf(
                    r.client, r.prompt, if (r.completed) "yes" else "**no**", r.delivered.toString(),
                    mb(r.medianHeapAfterGcDeltasBytes) + " / " + mb(r.maxHeapAfterGcDeltasBytes),
                    mb(r.maxHeapAfterGcBytes) + " (${r.gcSamples} GCs)", mb(r.baselineHeapAfterGcBytes), bytes(r.bytesPerEvent),
                    fmt("%.2f", r.seconds), r.failure?.take(160) ?: "",
                )
            },
        )
    }

    fun decoder(results: List<DecoderResult>, events: Int, paired: PairedRatio?) {
        if (results.isEmpty()) return
        val reference = results.firstOrNull { it.benchmark == READLINE }?.eventsPerSecond
        out.println("\n## 6. Decoder alone (JMH, -prof gc): $events text_delta events + stop in memory to events")
        out.println("(SseDecoderBenchmark: whole paths; DecoderStagesBenchmark: one stage each, for where the time goes)")
        table(
            listOf("benchmark", "events/s", "± (99.9%)", "vs readLine loop", "B/event (gc.alloc.rate.norm)"),
            results.map { r ->
                val whole = r.benchmark.startsWith(WHOLE_PATHS)
                listOf(
                    r.benchmark, rate(r.eventsPerSecond), rate(r.error),
                    reference?.takeIf { whole }?.let { ratio(r.eventsPerSecond / it) } ?: "-", bytes(r.bytesPerEvent),
                )
            },
        )
        paired?.let {
            out.println(
                "Paired check (sdkDecoder and readLineReference back to back, ${it.pairs} pairs): SDK decoder " +
                    "${ratio(it.medianRatio)} the readLine loop, median (p10 ${ratio(it.p10)}, p90 ${ratio(it.p90)})",
            )
        }
    }

    fun summary(results: SuiteResults, catalog: ClientCatalog) {
        out.println("\n## The targets")
        table(listOf("#", "target", "measured", "met"), Targets(results, catalog).rows())
        out.println("Load average at the end: ${loadAverage()}")
        out.println()
        out.flush()
    }

    private fun table(head: List<String>, rows: List<List<String>>) {
        out.println("| " + head.joinToString(" | ") + " |")
        out.println("|" + head.joinToString("|") { "---" } + "|")
        rows.forEach { out.println("| " + it.joinToString(" | ") + " |") }
        out.flush()
    }

    companion object {
        const val WHOLE_PATHS: String = "SseDecoderBenchmark."
        const val READLINE: String = "SseDecoderBenchmark.readLineReference"
        const val SDK_DECODER: String = "SseDecoderBenchmark.sdkDecoder"

        fun loadAverage(): String = fmt("%.2f", ManagementFactory.getOperatingSystemMXBean().systemLoadAverage)
        fun fmt(pattern: String, vararg values: Any): String = String.format(Locale.ROOT, pattern, *values)
        fun rate(perSecond: Double): String = if (perSecond.isNaN()) "-" else if (perSecond >= 1e6) fmt("%.2f M", perSecond / 1e6) else fmt("%.0f k", perSecond / 1e3)
        fun ratio(value: Double): String = fmt("%.2fx", value)
        fun ms(value: Double): String = fmt("%.3f", value)
        fun mb(bytes: Long): String = if (bytes < 0) "-" else fmt("%.1f MB", bytes / 1048576.0) + " (" + fmt("%,d", bytes / 1024) + " KB)"
        fun bytes(value: Double): String = if (value < 0 || value.isNaN()) "n/a" else fmt("%.0f", value)
    }
}

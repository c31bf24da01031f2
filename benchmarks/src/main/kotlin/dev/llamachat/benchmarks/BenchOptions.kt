package dev.llamachat.benchmarks

import dev.llamachat.benchmarks.measure.JmhSettings

/**
 * What the harness runs. The defaults are the figures; [SMOKE] is a run of a few seconds that only shows
 * every benchmark still completes (CI runs it; its numbers mean nothing).
 */
internal data class BenchOptions(
    val events: Int = 200_000,
    val warmup: Int = 3,
    val iterations: Int = 7,
    val firstEventWarmup: Int = 300,
    val firstEventTurns: Int = 500,
    /**
     * The first-event figure is measured twice: after [firstEventWarmup] turns per client (code still partly in the
     * JIT's first tiers) and again, for [firstEventSteadyTurns], after this many more: the steady state of an
     * application that streams turn after turn, which the targets use.
     */
    val firstEventSteadyWarmup: Int = 2_500,
    val firstEventSteadyTurns: Int = 1_000,
    val sequentialCalls: Int = 50,
    val concurrentStreams: Int = 200,
    val concurrentEvents: Int = 5_000,
    /** The paced run of the concurrency figure: events per stream and the server's pause between them. */
    val pacedEvents: Int = 20,
    val paceMillis: Long = 20,
    val memoryEvents: Int = 2_000_000,
    val memoryHeap: String = "64m",
    val jmh: JmhSettings? = JmhSettings.FULL,
    val memory: Boolean = true,
    /** Also measure the single stream with one server write per event (a flushing server, the second row of figure 1). */
    val flushed: Boolean = true,
    /** Also measure the single stream as one `Content-Length` body (the third row of figure 1). */
    val contentLength: Boolean = true,
    /** Measure 200 streams at once (figure 5). */
    val concurrency: Boolean = true,
    val smoke: Boolean = false,
    /** Only these client ids (null: all); for looking at one client, not for the report. */
    val clients: List<String>? = null,
) {
    companion object {
        val SMOKE = BenchOptions(
            events = 2_000, warmup = 1, iterations = 1, firstEventWarmup = 3, firstEventTurns = 5, firstEventSteadyWarmup = 3, firstEventSteadyTurns = 5, sequentialCalls = 5,
            concurrentStreams = 8, concurrentEvents = 200, pacedEvents = 3, paceMillis = 5, memoryEvents = 20_000, jmh = JmhSettings.SMOKE, smoke = true,
        )

        const val USAGE: String = """usage: StreamBenchmarks [--smoke] [--events N] [--warmup N] [--iterations N]
  [--first-event-warmup N] [--first-event-turns N] [--first-event-steady-warmup N] [--first-event-steady-turns N] [--sequential N] [--streams N] [--stream-events N]
  [--memory-events N] [--memory-heap SIZE] [--no-memory] [--no-jmh] [--no-flushed] [--no-content-length] [--no-concurrency] [--clients id,id,...]"""

        /** Parses the arguments; `--smoke` first sets the smoke defaults, which later arguments may override. */
        fun parse(args: Array<String>): BenchOptions {
            // exec:exec passes its extra arguments as one string; split them back.
            val words = args.flatMap { it.trim().split(Regex("\\s+")) }.filter { it.isNotEmpty() }
            var options = if ("--smoke" in words) SMOKE else BenchOptions()
            var i = 0
            fun value(): String = words.getOrNull(++i) ?: throw IllegalArgumentException("${words[i - 1]} needs a value\n$USAGE")
            fun count(): Int = value().replace("_", "").toIntOrNull()?.takeIf { it > 0 }
                ?: throw IllegalArgumentException("${words[i - 1]} needs a positive number\n$USAGE")
            while (i < words.size) {
                options = when (val word = words[i]) {
                    "--smoke" -> options
                    "--events" -> options.copy(events = count())
                    "--warmup" -> options.copy(warmup = value().toInt())
                    "--iterations" -> options.copy(iterations = count())
                    "--first-event-warmup" -> options.copy(firstEventWarmup = value().toInt())
                    "--first-event-turns" -> options.copy(firstEventTurns = count())
                    "--first-event-steady-warmup" -> options.copy(firstEventSteadyWarmup = value().toInt())
                    "--first-event-steady-turns" -> options.copy(firstEventSteadyTurns = count())
                    "--sequential" -> options.copy(sequentialCalls = count())
                    "--streams" -> options.copy(concurrentStreams = count())
                    "--stream-events" -> options.copy(concurrentEvents = count())
                    "--memory-events" -> options.copy(memoryEvents = count())
                    "--memory-heap" -> options.copy(memoryHeap = value())
                    "--no-memory" -> options.copy(memory = false)
                    "--no-jmh" -> options.copy(jmh = null)
                    "--no-flushed" -> options.copy(flushed = false)
                    "--no-content-length" -> options.copy(contentLength = false)
                    "--no-concurrency" -> options.copy(concurrency = false)
                    "--clients" -> options.copy(clients = value().split(',').map { it.trim() }.filter { it.isNotEmpty() })
                    else -> throw IllegalArgumentException("unknown argument '$word'\n$USAGE")
                }
                i++
            }
            return options
        }
    }
}

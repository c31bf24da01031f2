package dev.llamachat.benchmarks.measure

import dev.llamachat.benchmarks.jmh.DecoderStagesBenchmark
import dev.llamachat.benchmarks.jmh.SseDecoderBenchmark
import org.openjdk.jmh.profile.GCProfiler
import org.openjdk.jmh.runner.Runner
import org.openjdk.jmh.runner.options.OptionsBuilder
import org.openjdk.jmh.runner.options.TimeValue
import org.openjdk.jmh.runner.options.VerboseMode

/** One decoding path of [SseDecoderBenchmark]: events per second and bytes allocated per event (JMH `-prof gc`). */
internal class DecoderResult(val benchmark: String, val eventsPerSecond: Double, val bytesPerEvent: Double, val error: Double)

/** How JMH runs: the settings by default, a [smoke] run with no fork and one short iteration. */
internal class JmhSettings(
    val events: Int,
    val forks: Int,
    val warmupIterations: Int,
    val measurementIterations: Int,
    val iterationMillis: Long,
) {
    companion object {
        val FULL = JmhSettings(events = 10_000, forks = 1, warmupIterations = 3, measurementIterations = 5, iterationMillis = 1000)
        val SMOKE = JmhSettings(events = 100, forks = 0, warmupIterations = 0, measurementIterations = 1, iterationMillis = 100)
    }
}

/**
 * Runs [SseDecoderBenchmark] (whole paths) and [DecoderStagesBenchmark] (framing and JSON apart) through JMH's API
 * with the GC profiler; one result per method, named `Class.method`.
 */
internal fun runDecoderJmh(settings: JmhSettings, verbose: Boolean): List<DecoderResult> {
    val options = OptionsBuilder()
        .include(SseDecoderBenchmark::class.java.name.replace(".", "\\.") + "\\.")
        .include(DecoderStagesBenchmark::class.java.name.replace(".", "\\.") + "\\.")
        .param("events", settings.events.toString())
        .forks(settings.forks)
        .jvmArgsAppend("-Xms1g", "-Xmx1g")
        .warmupIterations(settings.warmupIterations)
        .warmupTime(TimeValue.milliseconds(settings.iterationMillis))
        .measurementIterations(settings.measurementIterations)
        .measurementTime(TimeValue.milliseconds(settings.iterationMillis))
        .addProfiler(GCProfiler::class.java)
        .verbosity(if (verbose) VerboseMode.NORMAL else VerboseMode.SILENT)
        .build()
    val eventsPerOp = settings.events + 1.0
    return Runner(options).run().map { run ->
        val primary = run.primaryResult
        val allocPerOp = run.secondaryResults["gc.alloc.rate.norm"]?.getScore() ?: Double.NaN
        DecoderResult(
            benchmark = run.params.benchmark.split('.').takeLast(2).joinToString("."),
            eventsPerSecond = primary.getScore() * eventsPerOp,
            bytesPerEvent = allocPerOp / eventsPerOp,
            error = primary.getScoreError() * eventsPerOp,
        )
    }
}

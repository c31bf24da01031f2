@file:JvmName("StreamBenchmarks")

package dev.llamachat.benchmarks

import kotlin.system.exitProcess

/**
 * Runs every benchmark of issue #7 in one run and prints the tables and the seven figures: single-stream
 * throughput, first-event latency, connection reuse, memory in a 64 MB heap, 200 concurrent streams, the
 * decoder microbenchmark (JMH with the GC profiler), and the engine comparison. The server runs in a child JVM.
 *
 * `--smoke` runs everything tiny (seconds; the numbers mean nothing). See BENCHMARKS.md for the command and
 * `--help` for the arguments.
 */
public fun main(args: Array<String>) {
    if ("--help" in args || "-h" in args) {
        println(BenchOptions.USAGE)
        return
    }
    val options = try {
        BenchOptions.parse(args)
    } catch (e: IllegalArgumentException) {
        System.err.println(e.message)
        exitProcess(2)
    }
    BenchmarkSuite(options, System.out).run()
    // Engine and pool threads of the clients must not keep the JVM alive after the report.
    exitProcess(0)
}

package dev.llamachat.benchmarks.measure

import dev.llamachat.benchmarks.DecoderPaths
import dev.llamachat.benchmarks.SseCorpus

/** The decoder's speed relative to the readLine loop, from back-to-back pairs (see [measurePairedDecoderRatio]). */
internal class PairedRatio(val medianRatio: Double, val p10: Double, val p90: Double, val pairs: Int)

/**
 * A check on JMH's decoder figures that holds up on a busy machine: the SDK decoder and the readLine loop decode
 * the same in-memory stream one right after the other, [pairs] times, and the ratio of each pair's speeds is
 * kept. Load that changes over seconds hits both halves of a pair alike, so the median ratio stays put where
 * JMH's separate, consecutive runs of each method drift apart.
 */
internal fun measurePairedDecoderRatio(events: Int, pairs: Int, warmupPairs: Int): PairedRatio {
    val stream = SseCorpus.turn(events, 42L)
    var sink = 0
    val ratios = ArrayList<Double>()
    repeat(warmupPairs + pairs) { i ->
        val sdkFirst = i % 2 == 0 // alternate the order so that neither always runs second
        var sdkNanos = 0L
        var referenceNanos = 0L
        repeat(2) { half ->
            val start = System.nanoTime()
            if ((half == 0) == sdkFirst) {
                sink += DecoderPaths.sdkDecoder(stream, 8192) { }
                sdkNanos = System.nanoTime() - start
            } else {
                sink += DecoderPaths.readLineReference(stream) { }
                referenceNanos = System.nanoTime() - start
            }
        }
        if (i >= warmupPairs) ratios += referenceNanos.toDouble() / sdkNanos
    }
    check(sink > 0)
    return PairedRatio(median(ratios), percentile(ratios, 10.0), percentile(ratios, 90.0), ratios.size)
}

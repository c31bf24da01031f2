package dev.llamachat.benchmarks

import dev.llamachat.benchmarks.clients.ClientCatalog
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.io.ByteArrayOutputStream
import java.io.PrintStream

/**
 * CI's check that every benchmark still runs: the whole suite with tiny figures (`--smoke`), the server and the
 * memory probe in child JVMs, JMH without a fork. It asserts that each benchmark completed and reported its
 * figures, never how fast anything was.
 */
class BenchmarksSmokeSpec : FunSpec({
    context("a smoke run of the whole suite") {
        val printed = ByteArrayOutputStream()
        val results = BenchmarkSuite(BenchOptions.SMOKE, PrintStream(printed, true, Charsets.UTF_8)).run()
        val report = printed.toString(Charsets.UTF_8)
        val ids = ClientCatalog("http://127.0.0.1:1", "key").available

        test("streams and decodes every client's turns") {
            results.throughput.keys shouldContainAll ids
            results.throughput.values.forEach { it.eventsPerSecond shouldBeGreaterThan 0.0 }
            results.throughputContentLength.keys shouldContainAll ids
            results.firstEvent.keys shouldContainAll ids
            results.firstEventEarly.keys shouldContainAll ids
        }

        test("counts each client's connections on the server") {
            results.connections.keys shouldContainAll ids
            // The socket clients' own connection: exactly one for all their turns.
            results.connections.getValue(ClientCatalog.REFERENCE).connections shouldBe 1
            results.connections.getValue(ClientCatalog.RAW).connections shouldBe 1
        }

        test("runs the concurrent streams to their ends") {
            for (figures in listOf(results.concurrency, results.pacedConcurrency)) {
                figures.values.forEach { it.maxInFlight shouldBeGreaterThan 0 }
                figures.keys shouldContainAll ids.filter { it == ClientCatalog.OKHTTP_SSE || it.startsWith("sdk-flow") }
                figures.keys shouldContainAll listOf(ClientCatalog.RAW, ClientCatalog.SDK_PUBLISHER)
            }
        }

        test("completes the long turn in the small-heap JVM and reports its heap and allocation") {
            results.memory.size shouldBeGreaterThan 0
            results.memory.forEach {
                it.failure shouldBe null
                it.completed shouldBe true
                it.maxHeapAfterGcBytes shouldBeGreaterThan 0L
                it.maxHeapAfterGcDeltasBytes shouldBeGreaterThan 0L
                it.bytesPerEvent shouldBeGreaterThan 0.0
            }
        }

        test("runs every decoder microbenchmark with the GC profiler") {
            results.decoder.map { it.benchmark } shouldContainAll listOf(
                "SseDecoderBenchmark.sdkDecoder", "SseDecoderBenchmark.sdkDecodeChatEventsFlow", "SseDecoderBenchmark.readLineReference",
                "DecoderStagesBenchmark.sdkFraming", "DecoderStagesBenchmark.sdkJson",
                "DecoderStagesBenchmark.referenceLines", "DecoderStagesBenchmark.referenceJson",
                "DecoderStagesBenchmark.sdkEscapedDeltasFast", "DecoderStagesBenchmark.sdkEscapedDeltasGeneral",
            )
            results.decoder.forEach {
                it.eventsPerSecond shouldBeGreaterThan 0.0
                it.bytesPerEvent shouldBeGreaterThan 0.0
            }
            results.pairedDecoder!!.medianRatio shouldBeGreaterThan 0.0
        }

        test("prints every target's row") {
            report shouldContain "## The targets"
            for (n in 1..7) report shouldContain "\n| $n | "
            report shouldNotContain "not measured"
        }
    }
})

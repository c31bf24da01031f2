package dev.llamachat.benchmarks

import dev.llamachat.benchmarks.Report.Companion.bytes
import dev.llamachat.benchmarks.Report.Companion.mb
import dev.llamachat.benchmarks.Report.Companion.ms
import dev.llamachat.benchmarks.Report.Companion.rate
import dev.llamachat.benchmarks.Report.Companion.ratio
import dev.llamachat.benchmarks.clients.ClientCatalog
import dev.llamachat.benchmarks.clients.ClientCatalog.Companion.REFERENCE
import dev.llamachat.benchmarks.clients.ClientCatalog.Companion.SDK_BLOCKING
import dev.llamachat.benchmarks.clients.ClientCatalog.Companion.SDK_FLOW
import dev.llamachat.benchmarks.clients.ClientCatalog.Companion.SDK_PUBLISHER

/** The issue's seven targets, judged on one run's [results]: one table row each. */
internal class Targets(private val results: SuiteResults, private val catalog: ClientCatalog) {
    fun rows(): List<List<String>> = listOf(throughput(), firstEvent(), connections(), memory(), concurrency(), decoder(), engines())

    private fun rate(id: String): Double? = results.throughput[id]?.eventsPerSecond

    private fun throughput(): List<String> {
        val flow = rate(SDK_FLOW)
        val reference = rate(REFERENCE)
        val publisher = rate(SDK_PUBLISHER)
        val blocking = rate(SDK_BLOCKING)
        if (flow == null || reference == null) return row(1, "SDK Flow >= 1.0x reference", "not measured", null)
        val flowRatio = flow / reference
        val javaRatios = listOfNotNull(publisher?.let { "Publisher" to it / flow }, blocking?.let { "blocking" to it / flow })
        val measured = "Flow ${ratio(flowRatio)} reference (${rate(flow)} vs ${rate(reference)} ev/s)" +
            javaRatios.joinToString("") { (name, r) -> "; $name ${ratio(r)} Flow" }
        val met = flowRatio >= 1.0 && javaRatios.size == 2 && javaRatios.all { it.second >= 0.8 }
        return row(1, "SDK Flow >= 1.0x reference; Java Publisher and blocking >= 0.8x Flow", measured, met)
    }

    private fun firstEvent(): List<String> {
        val flow = results.firstEvent[SDK_FLOW]?.medianMillis
        val reference = results.firstEvent[REFERENCE]?.medianMillis
        if (flow == null || reference == null) return row(2, "first-event median <= 2x reference", "not measured", null)
        return row(2, "first-event median <= 2x reference", "${ms(flow)} ms vs ${ms(reference)} ms = ${ratio(flow / reference)}", flow / reference <= 2.0)
    }

    private fun connections(): List<String> {
        val flow = results.connections[SDK_FLOW] ?: return row(3, "sequential calls reuse one connection", "not measured", null)
        return row(3, "${flow.calls} sequential calls reuse one connection", "${flow.connections} new connection(s) for ${flow.calls} calls", flow.connections <= 1)
    }

    private fun memory(): List<String> {
        val probe = results.memory.firstOrNull { it.client == SDK_FLOW }
            ?: return row(4, "bench:N in -Xmx64m, heap after GC < 8 MB", "not measured", null)
        val target = "bench:${probe.events} completes in -Xmx${probe.maxHeap}, heap after GC < 8 MB, B/event reported"
        val heap = "heap after GC during the deltas ${mb(probe.medianHeapAfterGcDeltasBytes)} median, " +
            "${mb(probe.maxHeapAfterGcDeltasBytes)} max (at rest ${mb(probe.baselineHeapAfterGcBytes)}); " +
            "${mb(probe.maxHeapAfterGcBytes)} max over the turn; " +
            "${bytes(probe.bytesPerEvent)} B/event allocated"
        if (!probe.completed) return row(4, target, "did not complete after ${probe.delivered} events (${probe.failure}); $heap", false)
        return row(4, target, "completed; $heap", probe.maxHeapAfterGcBytes < 8L * 1024 * 1024)
    }

    private fun concurrency(): List<String> {
        val c = results.concurrency[SDK_FLOW]
        val paced = results.pacedConcurrency[SDK_FLOW]
        val single = rate(SDK_FLOW)
        if (c == null || paced == null || single == null) return row(5, "streams all in flight, aggregate >= 0.8x single", "not measured", null)
        val aggregate = c.aggregateEventsPerSecond / single
        return row(
            5, "${c.streams} concurrent streams all in flight together; aggregate of ${c.streams} x bench:${c.eventsPerStream} >= 0.8x single stream",
            "paced: ${paced.maxInFlight}/${paced.streams} in flight; full speed: ${c.maxInFlight}/${c.streams} in flight, " +
                "${rate(c.aggregateEventsPerSecond)} ev/s = ${ratio(aggregate)} single",
            paced.maxInFlight == paced.streams && aggregate >= 0.8,
        )
    }

    private fun decoder(): List<String> {
        val sdk = results.decoder.firstOrNull { it.benchmark == Report.SDK_DECODER }
        val reference = results.decoder.firstOrNull { it.benchmark == Report.READLINE }
        if (sdk == null || reference == null) return row(6, "decoder >= 1.5x readLine loop", "not measured", null)
        val r = sdk.eventsPerSecond / reference.eventsPerSecond
        val paired = results.pairedDecoder
        return row(
            6, "decoder >= 1.5x readLine + decode loop (JMH)",
            "JMH ${ratio(r)} (${rate(sdk.eventsPerSecond)} vs ${rate(reference.eventsPerSecond)} ev/s; " +
                "${bytes(sdk.bytesPerEvent)} vs ${bytes(reference.bytesPerEvent)} B/event)" +
                (paired?.let { "; paired runs ${ratio(it.medianRatio)}" } ?: ""),
            r >= 1.5 && (paired == null || paired.medianRatio >= 1.5),
        )
    }

    private fun engines(): List<String> {
        val reference = rate(REFERENCE)
        val referenceFirst = results.firstEvent[REFERENCE]?.medianMillis
        val scored = catalog.engines.mapNotNull { (engine, id) ->
            val t = rate(id) ?: return@mapNotNull null
            val first = results.firstEvent[id]?.medianMillis
            val connections = results.connections[id]?.connections
            val c = results.concurrency[id]
            val paced = results.pacedConcurrency[id]
            val met = listOf(
                reference != null && t / reference >= 1.0,
                first != null && referenceFirst != null && first / referenceFirst <= 2.0,
                connections != null && connections <= 1,
                c != null && paced != null && paced.maxInFlight == paced.streams && c.aggregateEventsPerSecond / t >= 0.8,
            ).count { it }
            val text = "$engine ${reference?.let { ratio(t / it) } ?: rate(t)} ref, " +
                "${first?.let { ms(it) } ?: "-"} ms, ${connections ?: "-"} conn, " +
                (paced?.let { "${it.maxInFlight}/${it.streams} in flight (paced)" } ?: "-") +
                (c?.let { ", aggregate ${ratio(it.aggregateEventsPerSecond / t)}" } ?: "")
            Triple(engine, met to t, text)
        }
        if (scored.isEmpty()) return row(7, "default engine chosen by measurement", "not measured", null)
        val best = scored.maxWith(compareBy({ it.second.first }, { it.second.second }))
        val measured = scored.joinToString("; ") { it.third } + " => ${best.first} (meets ${best.second.first} of targets 1, 2, 3, 5)"
        return row(7, "default engine (CIO, OkHttp, Java) chosen by these measurements", measured, null)
    }

    private fun row(number: Int, target: String, measured: String, met: Boolean?): List<String> =
        listOf(number.toString(), target, measured, when (met) { true -> "yes"; false -> "**no**"; null -> "-" })
}

package dev.llamachat.benchmarks

import dev.llamachat.benchmarks.Report.Companion.bytes
import dev.llamachat.benchmarks.Report.Companion.fmt
import dev.llamachat.benchmarks.Report.Companion.mb
import dev.llamachat.benchmarks.Report.Companion.ms
import dev.llamachat.benchmarks.Report.Companion.rate
import dev.llamachat.benchmarks.Report.Companion.ratio
import dev.llamachat.benchmarks.clients.ClientCatalog
import dev.llamachat.benchmarks.clients.ClientCatalog.Companion.OKHTTP_SSE
import dev.llamachat.benchmarks.clients.ClientCatalog.Companion.REFERENCE
import dev.llamachat.benchmarks.clients.ClientCatalog.Companion.SDK_BLOCKING
import dev.llamachat.benchmarks.clients.ClientCatalog.Companion.SDK_FLOW
import dev.llamachat.benchmarks.clients.ClientCatalog.Companion.SDK_PUBLISHER

/** The targets of the stream-performance issue, judged on one run's [results]: one table row each. */
internal class Targets(private val results: SuiteResults, private val catalog: ClientCatalog) {
    fun rows(): List<List<String>> = listOf(throughput(), firstEvent(), connections(), memory(), concurrency(), decoder(), engines(), javaPaths())

    private fun rate(id: String): Double? = results.throughput[id]?.eventsPerSecond

    private fun throughput(): List<String> {
        val target = "Flow >= 1.5x ideal parser and >= 1.3x okhttp-sse (one HTTP chunk per event, client-bound server)"
        val flow = rate(SDK_FLOW)
        val reference = rate(REFERENCE)
        val okhttpSse = rate(OKHTTP_SSE)
        if (flow == null || reference == null || okhttpSse == null) return row(1, target, "not measured", null)
        val java = listOfNotNull(rate(SDK_PUBLISHER)?.let { "Publisher" to it }, rate(SDK_BLOCKING)?.let { "blocking" to it })
        val measured = "Flow ${rate(flow)} ev/s = ${ratio(flow / reference)} ideal parser (${rate(reference)}), " +
            "${ratio(flow / okhttpSse)} okhttp-sse (${rate(okhttpSse)})" +
            java.joinToString("") { (name, r) -> "; $name ${ratio(r / flow)} Flow" } +
            (results.throughput[SDK_FLOW]?.let { "; ${bytes(it.bytesPerEvent)} B/event" } ?: "")
        return row(1, target, measured, flow / reference >= 1.5 && flow / okhttpSse >= 1.3)
    }

    private fun firstEvent(): List<String> {
        val target = "first event of a 1-event turn <= 1.5x okhttp-sse (Flow, Publisher, blocking)"
        val okhttpSse = results.firstEvent[OKHTTP_SSE]?.medianMillis ?: return row(2, target, "not measured", null)
        val sdk = listOf("Flow" to SDK_FLOW, "Publisher" to SDK_PUBLISHER, "blocking" to SDK_BLOCKING)
            .mapNotNull { (name, id) -> results.firstEvent[id]?.let { name to it.medianMillis } }
        if (sdk.isEmpty()) return row(2, target, "not measured", null)
        val measured = sdk.joinToString("; ") { (name, millis) -> "$name ${ms(millis)} ms = ${ratio(millis / okhttpSse)}" } +
            " (okhttp-sse ${ms(okhttpSse)} ms, steady state)" + early()
        return row(2, target, measured, sdk.size == 3 && sdk.all { it.second / okhttpSse <= 1.5 })
    }

    /** The first event's figures after the short warm-up, beside the steady ones the targets use. */
    private fun early(): String {
        val okhttpSse = results.firstEventEarly[OKHTTP_SSE]?.medianMillis ?: return ""
        val flow = results.firstEventEarly[SDK_FLOW]?.medianMillis
        val sdk = listOf("Flow" to SDK_FLOW, "Publisher" to SDK_PUBLISHER, "blocking" to SDK_BLOCKING)
            .mapNotNull { (name, id) -> results.firstEventEarly[id]?.let { name to it.medianMillis } }
        if (sdk.isEmpty()) return ""
        return "; early: " + sdk.joinToString(", ") { (name, millis) ->
            "$name ${ratio(millis / okhttpSse)}" + if (name != "Flow" && flow != null) " (${ratio(millis / flow)} Flow)" else ""
        }
    }

    private fun connections(): List<String> {
        val flow = results.connections[SDK_FLOW] ?: return row(3, "sequential calls reuse one connection", "not measured", null)
        return row(3, "${flow.calls} sequential calls reuse one connection", "${flow.connections} new connection(s) for ${flow.calls} calls", flow.connections <= 1)
    }

    private fun memory(): List<String> {
        val target = "long turn completes in a small heap; heap after GC <= okhttp-sse's; B/event reported"
        val probe = results.memory.firstOrNull { it.client == SDK_FLOW } ?: return row(4, target, "not measured", null)
        val okhttpSse = results.memory.firstOrNull { it.client == OKHTTP_SSE }
        val skipping = results.memory.firstOrNull { it.client == ClientCatalog.SDK_FLOW_SKIP_TEXT }
        val heap = "${probe.prompt} in -Xmx${probe.maxHeap}: heap after GC during the deltas ${mb(probe.medianHeapAfterGcDeltasBytes)} median, " +
            "${mb(probe.maxHeapAfterGcDeltasBytes)} max (okhttp-sse ${okhttpSse?.let { mb(it.medianHeapAfterGcDeltasBytes) + " / " + mb(it.maxHeapAfterGcDeltasBytes) } ?: "-"}); " +
            "${bytes(probe.bytesPerEvent)} B/event allocated" +
            (skipping?.let { "; skipFinalText on ${it.prompt} (final text included): ${if (it.completed) "completed" else "**failed**"}, ${mb(it.medianHeapAfterGcDeltasBytes)} / ${mb(it.maxHeapAfterGcBytes)}" } ?: "")
        if (!probe.completed) return row(4, target, "did not complete after ${probe.delivered} events (${probe.failure}); $heap", false)
        val met = okhttpSse != null && probe.medianHeapAfterGcDeltasBytes <= okhttpSse.medianHeapAfterGcDeltasBytes && skipping?.completed != false
        return row(4, target, "completed; $heap", met)
    }

    private fun concurrency(): List<String> {
        val c = results.concurrency[SDK_FLOW]
        val okhttpSse = results.concurrency[OKHTTP_SSE]
        val target = "streams at once through one client: aggregate >= 1.0x okhttp-sse's, all started within its ramp-up"
        if (c == null || okhttpSse == null) return row(5, target, "not measured", null)
        val aggregate = c.aggregateEventsPerSecond / okhttpSse.aggregateEventsPerSecond
        val paced = results.pacedConcurrency[SDK_FLOW]
        return row(
            5, target,
            "${c.streams} x bench:${c.eventsPerStream}: ${rate(c.aggregateEventsPerSecond)} ev/s = ${ratio(aggregate)} okhttp-sse " +
                "(${rate(okhttpSse.aggregateEventsPerSecond)}); last first event at ${fmt("%.0f", c.lastFirstEventMillis)} ms " +
                "(okhttp-sse ${fmt("%.0f", okhttpSse.lastFirstEventMillis)} ms)" +
                (paced?.let { "; paced: ${it.maxInFlight}/${it.streams} in flight" } ?: ""),
            aggregate >= 1.0 && c.lastFirstEventMillis <= okhttpSse.lastFirstEventMillis,
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

    /** Issue #11: the Java paths against the Flow, in the same run. */
    private fun javaPaths(): List<String> {
        val target = "Publisher and blocking >= 0.9x Flow events/s (one turn; 200 streams), first event <= 1.1x Flow's"
        val flow = rate(SDK_FLOW) ?: return row(8, target, "not measured", null)
        val flowFirst = results.firstEvent[SDK_FLOW]?.medianMillis
        val flowMany = results.concurrency[SDK_FLOW]?.aggregateEventsPerSecond
        val checks = ArrayList<Boolean>()
        val parts = listOf("Publisher" to SDK_PUBLISHER, "blocking" to SDK_BLOCKING).map { (name, id) ->
            val one = rate(id)?.let { it / flow }?.also { checks += it >= 0.9 }
            val first = results.firstEvent[id]?.medianMillis?.let { m -> flowFirst?.let { m / it } }?.also { checks += it <= 1.1 }
            val many = results.concurrency[id]?.aggregateEventsPerSecond?.let { a -> flowMany?.let { a / it } }?.also { checks += it >= 0.9 }
            "$name: one turn ${one?.let { ratio(it) } ?: "-"}, first event ${first?.let { ratio(it) } ?: "-"}, 200 streams ${many?.let { ratio(it) } ?: "-"}"
        }
        return row(8, target, parts.joinToString("; ") + " (of the Flow's)", checks.isNotEmpty() && checks.all { it })
    }

    private fun row(number: Int, target: String, measured: String, met: Boolean?): List<String> =
        listOf(number.toString(), target, measured, when (met) { true -> "yes"; false -> "**no**"; null -> "-" })
}

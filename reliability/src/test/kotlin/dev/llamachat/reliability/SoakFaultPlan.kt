package dev.llamachat.reliability

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.Fault
import dev.llamachat.testkit.LocalLlamaCloud
import java.time.Duration
import kotlin.random.Random

/**
 * The faults of a soak run, armed on testkit in advance: for every endpoint a fixed sequence in which each
 * arriving request takes the next entry, so that how many faults were injected follows exactly from how many
 * requests arrived, whatever the interleaving of 32 callers. An entry that is no fault is a zero [Fault.Delay]
 * (served normally); for turns that started streaming, a cut after more events than any turn has.
 *
 * @param rate the share of requests to an endpoint other than the stream that get a fault.
 */
class SoakFaultPlan(seed: Long, private val length: Int, rate: Double, streamCallRate: Double, streamCutRate: Double, turnSize: Int) {
    /** What one entry does; [PASS] serves the call normally. */
    enum class Kind { PASS, RATE_LIMITED, UNAVAILABLE, SERVER_ERROR, DISCONNECT, CUT_CLEAN, CUT_ABORT }

    private val random = Random(seed)
    private val callPlans: Map<Endpoint, List<Kind>> = ENDPOINTS.associateWith { endpoint ->
        List(length) { if (random.nextDouble() < (if (endpoint == Endpoint.STREAM) streamCallRate else rate)) callFault() else Kind.PASS }
    }
    private val cutPlan: List<Pair<Kind, Int>> = List(length) {
        if (random.nextDouble() < streamCutRate) {
            (if (random.nextBoolean()) Kind.CUT_CLEAN else Kind.CUT_ABORT) to random.nextInt(turnSize)
        } else {
            Kind.PASS to 0
        }
    }

    private fun callFault(): Kind = when (random.nextInt(20)) {
        in 0..5 -> Kind.RATE_LIMITED
        in 6..10 -> Kind.UNAVAILABLE
        in 11..15 -> Kind.SERVER_ERROR
        else -> Kind.DISCONNECT
    }

    /** Arms every entry, endpoints interleaved so that each endpoint's next entry is near the queue's front. */
    fun arm(server: LocalLlamaCloud) {
        for (i in 0 until length) {
            for (endpoint in ENDPOINTS) server.enqueue(fault(callPlans.getValue(endpoint)[i]), endpoint)
            val (kind, events) = cutPlan[i]
            server.enqueue(
                when (kind) {
                    Kind.PASS -> Fault.CutAfter(Int.MAX_VALUE) // after every event: the turn ends normally
                    Kind.CUT_CLEAN -> Fault.CutAfter(events, abort = false)
                    else -> Fault.CutAfter(events, abort = true)
                },
                Endpoint.STREAM,
            )
        }
    }

    /**
     * The faults injected into [arrivals] requests per endpoint: each took the next call entry, and each stream
     * request that passed its call entry started a turn, which took the next cut entry.
     */
    fun injected(arrivals: Map<Endpoint, Int>): Map<Kind, Int> {
        val counts = sortedMapOf<Kind, Int>()
        for (endpoint in ENDPOINTS) {
            val taken = arrivals[endpoint] ?: 0
            check(taken <= length) { "$taken requests to $endpoint outran the $length armed entries" }
            callPlans.getValue(endpoint).take(taken).filter { it != Kind.PASS }.forEach { counts.merge(it, 1, Int::plus) }
        }
        val started = callPlans.getValue(Endpoint.STREAM).take(arrivals[Endpoint.STREAM] ?: 0).count { it == Kind.PASS }
        cutPlan.take(started).map { it.first }.filter { it != Kind.PASS }.forEach { counts.merge(it, 1, Int::plus) }
        return counts
    }

    private fun fault(kind: Kind): Fault = when (kind) {
        Kind.PASS -> Fault.Delay(Duration.ZERO)
        Kind.RATE_LIMITED -> Fault.Status(429, mapOf("Retry-After" to "1"))
        Kind.UNAVAILABLE -> Fault.Status(503)
        Kind.SERVER_ERROR -> Fault.Status(500)
        Kind.DISCONNECT -> Fault.Disconnect
        Kind.CUT_CLEAN, Kind.CUT_ABORT -> error("a cut is a stream fault")
    }

    companion object {
        val ENDPOINTS: List<Endpoint> = listOf(
            Endpoint.LIST, Endpoint.CREATE, Endpoint.RETRIEVE, Endpoint.DELETE, Endpoint.SUMMARY, Endpoint.TITLE, Endpoint.STREAM,
        )
    }
}

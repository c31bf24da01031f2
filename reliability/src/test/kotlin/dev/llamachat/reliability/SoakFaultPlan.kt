package dev.llamachat.reliability

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import java.time.Duration
import kotlin.random.Random

/**
 * The faults of a soak run, queued on testkit in advance: for every endpoint a fixed sequence in which each
 * arriving request takes the next entry, so that how many faults were injected follows exactly from how many
 * requests arrived, whatever the interleaving of 32 callers. An entry that is no fault is [ScriptedResponse.serve]
 * (served normally). A stream entry that is no call fault may cut the turn's stream instead (every soak turn
 * starts: each session has one caller, so no turn is refused).
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

    /** What stream entry [i] does: its call fault, else its cut (or nothing). */
    private fun streamKind(i: Int): Pair<Kind, Int> =
        callPlans.getValue(Endpoint.STREAM)[i].let { if (it != Kind.PASS) it to 0 else cutPlan[i] }

    /** Queues every entry, endpoints interleaved. */
    fun arm(server: LocalLlamaCloud) {
        for (i in 0 until length) {
            for (endpoint in ENDPOINTS) {
                val (kind, events) = if (endpoint == Endpoint.STREAM) streamKind(i) else callPlans.getValue(endpoint)[i] to 0
                server.enqueue(response(kind, events), endpoint)
            }
        }
    }

    /** The faults injected into [arrivals] requests per endpoint: each took the next entry of its endpoint. */
    fun injected(arrivals: Map<Endpoint, Int>): Map<Kind, Int> {
        val counts = sortedMapOf<Kind, Int>()
        for (endpoint in ENDPOINTS) {
            val taken = arrivals[endpoint] ?: 0
            check(taken <= length) { "$taken requests to $endpoint outran the $length queued entries" }
            val kinds = if (endpoint == Endpoint.STREAM) List(taken) { streamKind(it).first } else callPlans.getValue(endpoint).take(taken)
            kinds.filter { it != Kind.PASS }.forEach { counts.merge(it, 1, Int::plus) }
        }
        return counts
    }

    private fun response(kind: Kind, events: Int): ScriptedResponse = when (kind) {
        Kind.PASS -> ScriptedResponse.serve()
        Kind.RATE_LIMITED -> ScriptedResponse.status(429).withHeader("Retry-After", "1")
        Kind.UNAVAILABLE -> ScriptedResponse.status(503)
        Kind.SERVER_ERROR -> ScriptedResponse.status(500)
        Kind.DISCONNECT -> ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart())
        Kind.CUT_CLEAN -> ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(events))
        Kind.CUT_ABORT -> ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAfterEvents(events))
    }

    companion object {
        val ENDPOINTS: List<Endpoint> = listOf(
            Endpoint.LIST, Endpoint.CREATE, Endpoint.RETRIEVE, Endpoint.DELETE, Endpoint.SUMMARY, Endpoint.TITLE, Endpoint.STREAM,
        )
    }
}

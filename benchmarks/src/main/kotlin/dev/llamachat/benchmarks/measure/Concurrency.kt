package dev.llamachat.benchmarks.measure

import dev.llamachat.benchmarks.clients.StreamClient
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking

/** Many streams through one client at once. */
internal class ConcurrencyResult(
    val client: String,
    val streams: Int,
    val eventsPerStream: Int,
    /** The most streams that had delivered their first event and not yet their last, at one time. */
    val maxInFlight: Int,
    val aggregateEventsPerSecond: Double,
    val seconds: Double,
)

/**
 * Starts one `bench:<events>` turn on each of [sessions] at once through [client], from coroutines on
 * [Dispatchers.Default]. A stream counts as in flight from its first event to its end. One unmeasured round
 * first opens the connections and warms the code; the figures are from the second, on a fresh set of sessions
 * (a session takes one turn at a time).
 */
internal fun measureConcurrency(client: StreamClient, sessions: List<List<String>>, events: Int): ConcurrencyResult {
    require(sessions.size == 2 && sessions[0].size == sessions[1].size) { "two equal sets of sessions, one per round" }
    require(client.concurrent) { "${client.name} is not meant for concurrent use" }
    val expected = events + 2
    lateinit var measured: ConcurrencyResult
    repeat(2) { round ->
        val inFlight = AtomicInteger()
        val maxInFlight = AtomicInteger()
        val start = System.nanoTime()
        val delivered = runBlocking(Dispatchers.Default) {
            sessions[round].map { session ->
                async {
                    var counted = false
                    try {
                        client.runTurn(session, "bench:$events") {
                            counted = true
                            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), ::maxOf)
                        }
                    } finally {
                        if (counted) inFlight.decrementAndGet()
                    }
                }
            }.awaitAll()
        }
        val seconds = (System.nanoTime() - start) / 1e9
        check(delivered.all { it == expected }) { "${client.name}: some streams delivered ${delivered.filter { it != expected }.distinct()} events" }
        measured = ConcurrencyResult(client.name, sessions[round].size, events, maxInFlight.get(), sessions[round].size * expected / seconds, seconds)
    }
    return measured
}

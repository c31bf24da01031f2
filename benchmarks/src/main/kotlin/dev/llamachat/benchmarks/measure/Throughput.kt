package dev.llamachat.benchmarks.measure

import dev.llamachat.benchmarks.SessionRing
import dev.llamachat.benchmarks.server.BenchTurn
import dev.llamachat.benchmarks.clients.StreamClient
import kotlinx.coroutines.runBlocking

/** One client's single-stream figures: medians over the measured turns. */
internal class ThroughputResult(
    val client: String,
    val eventsPerSecond: Double,
    /** Bytes allocated per event in this JVM (all threads), or a negative number if not measurable. */
    val bytesPerEvent: Double,
    val samples: List<Double>,
)

/**
 * Single-stream throughput: every client streams `bench:<events><flags>` turns on its own session, [warmup] turns
 * first, then [iterations] measured ones, taking turns ([turnOrder]) so that all clients see the same server and
 * machine state. The rate counts every event of the turn (the deltas, `text` and `stop`). [flags] picks the
 * framing (see [BenchTurn]): "" for one HTTP chunk per event, ":length" for one `Content-Length` body.
 */
internal fun measureThroughput(
    clients: List<StreamClient>,
    sessions: Map<StreamClient, SessionRing>,
    events: Int,
    warmup: Int,
    iterations: Int,
    flags: String = "",
): List<ThroughputResult> {
    val prompt = "bench:$events$flags"
    val expected = BenchTurn.parse(prompt)!!.events
    val rates = clients.associateWith { ArrayList<Double>() }
    val allocations = clients.associateWith { ArrayList<Double>() }
    repeat(warmup + iterations) { round ->
        for (client in turnOrder(clients, round)) {
            System.gc() // a collection owed by the previous client should not land in this one's turn
            val allocBefore = AllocationMeter.snapshot()
            val start = System.nanoTime()
            val delivered = runBlocking { client.runTurn(sessions.getValue(client).next(), prompt) {} }
            val nanos = System.nanoTime() - start
            val allocated = AllocationMeter.since(allocBefore)
            check(delivered == StreamClient.NOT_COUNTED || delivered == expected) {
                "${client.name} delivered $delivered events, expected $expected"
            }
            if (round >= warmup) {
                rates.getValue(client).add(expected / (nanos / 1e9))
                allocations.getValue(client).add(if (allocated < 0) -1.0 else allocated.toDouble() / expected)
            }
        }
    }
    return clients.map { ThroughputResult(it.name, median(rates.getValue(it)), median(allocations.getValue(it)), rates.getValue(it)) }
}

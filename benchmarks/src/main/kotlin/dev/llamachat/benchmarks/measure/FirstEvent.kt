package dev.llamachat.benchmarks.measure

import dev.llamachat.benchmarks.SessionRing
import dev.llamachat.benchmarks.clients.StreamClient
import kotlinx.coroutines.runBlocking

/** One client's time from sending the request to the delivery of the first event, in milliseconds. */
internal class FirstEventResult(val client: String, val medianMillis: Double, val p90Millis: Double, val samples: Int)

/**
 * First-event latency on `bench:1` turns (one `text_delta`, `text`, `stop`), each client on its kept-alive
 * connection: [warmup] unmeasured turns, then [turns] measured, the clients taking turns ([turnOrder]).
 */
internal fun measureFirstEvent(
    clients: List<StreamClient>,
    sessions: Map<StreamClient, SessionRing>,
    warmup: Int,
    turns: Int,
): List<FirstEventResult> {
    val latencies = clients.associateWith { ArrayList<Double>() }
    repeat(warmup + turns) { round ->
        for (client in turnOrder(clients, round)) {
            var first = 0L
            val start = System.nanoTime()
            runBlocking {
                client.runTurn(sessions.getValue(client).next(), "bench:1") { if (first == 0L) first = System.nanoTime() }
            }
            check(first != 0L) { "${client.name} delivered no event" }
            if (round >= warmup) latencies.getValue(client).add((first - start) / 1e6)
        }
    }
    return clients.map {
        val values = latencies.getValue(it)
        FirstEventResult(it.name, median(values), percentile(values, 90.0), values.size)
    }
}

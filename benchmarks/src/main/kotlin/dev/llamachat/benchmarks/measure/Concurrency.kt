package dev.llamachat.benchmarks.measure

import dev.llamachat.benchmarks.clients.StreamClient
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
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
    /** When the last stream delivered its first event, in ms from the start: the ramp-up. */
    val lastFirstEventMillis: Double,
    /** When the first stream ended, in ms from the start: all are in flight together only if this is later. */
    val firstEndMillis: Double,
    /** The most turns the server was running at once (sampled every few ms), or -1 if not sampled. */
    val serverMaxRunningTurns: Int,
)

/**
 * Starts one `bench:<events><flags>` turn on each of a set of sessions at once, from coroutines on [Dispatchers.Default],
 * through one shared client when [clients] gives the same one for every stream, or (the raw-socket control) through
 * one client per stream, each blocking its own thread; a blocking API's client gets a thread per stream too. A stream counts as in flight from its first event to its
 * end. One unmeasured round first opens the connections and warms the code; the figures are from the second, on a
 * fresh set of sessions (a session takes one turn at a time). [serverRunningTurns], when given, is sampled.
 */
internal fun measureConcurrency(
    name: String,
    clients: List<StreamClient>,
    sessions: List<List<String>>,
    events: Int,
    serverRunningTurns: (() -> Int)? = null,
    flags: String = "",
    beforeRound: () -> Unit = {},
): ConcurrencyResult {
    val shared = clients.distinct().size == 1
    require(clients.size == sessions[0].size) { "one client (shared or not) per stream" }
    require(!shared || clients[0].concurrent) { "$name is not meant for concurrent use" }
    require(sessions.size == 2 && sessions[0].size == sessions[1].size) { "two equal sets of sessions, one per round" }
    val threads = if (shared && !clients[0].blocksThread) null else Executors.newFixedThreadPool(clients.size).asCoroutineDispatcher()
    try {
        return (0 until 2).map { round -> measureRound(name, clients, sessions[round], "bench:$events$flags", events + 2, threads, serverRunningTurns, beforeRound) }.last()
    } finally {
        threads?.close()
    }
}

private fun measureRound(
    name: String,
    clients: List<StreamClient>,
    sessions: List<String>,
    prompt: String,
    expected: Int,
    threads: CoroutineDispatcher?,
    serverRunningTurns: (() -> Int)?,
    beforeRound: () -> Unit,
): ConcurrencyResult {
    val inFlight = AtomicInteger()
    val maxInFlight = AtomicInteger()
    val lastFirstEvent = AtomicLong()
    val firstEnd = AtomicLong(Long.MAX_VALUE)
    val serverMax = AtomicInteger(-1)
    val sampling = AtomicInteger(1)
    val sampler = serverRunningTurns?.let { running ->
        Thread {
            while (sampling.get() == 1) {
                serverMax.accumulateAndGet(running(), ::maxOf)
                Thread.sleep(2)
            }
        }.apply { isDaemon = true; start() }
    }
    try {
        beforeRound()
        val start = System.nanoTime()
        val delivered = runBlocking(Dispatchers.Default) {
            sessions.mapIndexed { i, session ->
                async(threads ?: Dispatchers.Default) {
                    var counted = false
                    try {
                        clients[i].runTurn(session, prompt) {
                            counted = true
                            lastFirstEvent.accumulateAndGet(System.nanoTime() - start, ::maxOf)
                            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), ::maxOf)
                        }
                    } finally {
                        firstEnd.accumulateAndGet(System.nanoTime() - start, ::minOf)
                        if (counted) inFlight.decrementAndGet()
                    }
                }
            }.awaitAll()
        }
        val seconds = (System.nanoTime() - start) / 1e9
        check(delivered.all { it == expected || it == StreamClient.NOT_COUNTED }) {
            "$name: some streams delivered ${delivered.filter { it != expected }.distinct()} events"
        }
        return ConcurrencyResult(
            name, sessions.size, expected - 2, maxInFlight.get(), sessions.size * expected / seconds, seconds,
            lastFirstEvent.get() / 1e6, firstEnd.get() / 1e6, serverMax.get(),
        )
    } finally {
        // Also when a client's streams fail: the sampler must not keep polling the server for the rest of the run.
        sampling.set(0)
        sampler?.join()
    }
}

package dev.llamachat.benchmarks

import dev.llamachat.benchmarks.clients.ClientCatalog
import dev.llamachat.benchmarks.clients.StreamClient
import dev.llamachat.benchmarks.measure.ConcurrencyResult
import dev.llamachat.benchmarks.measure.ConnectionsResult
import dev.llamachat.benchmarks.measure.DecoderResult
import dev.llamachat.benchmarks.measure.MemoryResult
import dev.llamachat.benchmarks.measure.measureConcurrency
import dev.llamachat.benchmarks.measure.measureConnections
import dev.llamachat.benchmarks.measure.measureFirstEvent
import dev.llamachat.benchmarks.measure.measurePairedDecoderRatio
import dev.llamachat.benchmarks.measure.measureThroughput
import dev.llamachat.benchmarks.measure.runDecoderJmh
import dev.llamachat.benchmarks.measure.runMemoryProbe
import java.io.PrintStream

/**
 * One run of every benchmark against one benchmark server JVM, printing each section as it completes and the seven
 * figures at the end ([Report]).
 */
internal class BenchmarkSuite(private val options: BenchOptions, private val out: PrintStream) {
    private val report = Report(out)

    fun run(): SuiteResults {
        report.header(options)
        return BenchServer.start(API_KEY).use { server -> runAgainst(server) }
    }

    private fun runAgainst(server: BenchServer): SuiteResults {
        val catalog = ClientCatalog(server.baseUrl, API_KEY)
        val sessions = SessionFactory(server.baseUrl, API_KEY)
        val ids = options.clients?.onEach { require(it in catalog.available) { "unknown client '$it'; known: ${catalog.available}" } }
            ?: catalog.available
        val clients = ids.associateWith { catalog.create(it) }
        try {
            // First, while nothing else has connected: the server counts the connections it accepted, and later
            // sections open thousands.
            val connections = measureAllConnections(server, catalog, ids, sessions)
            report.connections(connections)

            val rings = clients.values.associateWith { SessionRing(sessions.create(SessionRing.SIZE)) }

            // The targets' row: each event its own HTTP chunk, the server writing faster than any client reads.
            val throughput = measureThroughput(clients.values.toList(), rings, options.events, options.warmup, options.iterations, BLOCKS)
                .let { results -> ids.zip(results).toMap() }
            report.throughput(throughput, options.events, "one HTTP chunk per event, the server writing 64 KiB blocks (client-bound)")
            val throughputFlushed = if (options.flushed) {
                measureThroughput(clients.values.toList(), rings, options.events, options.warmup, options.iterations)
                    .let { results -> ids.zip(results).toMap() }
                    .also { report.throughput(it, options.events, "one HTTP chunk per event, one server write each (a flushing server)") }
            } else {
                emptyMap()
            }
            val throughputContentLength = if (options.contentLength) {
                measureThroughput(clients.values.toList(), rings, options.events, options.warmup, options.iterations, ":length")
                    .let { results -> ids.zip(results).toMap() }
                    .also { report.throughput(it, options.events, "one Content-Length body") }
            } else {
                emptyMap()
            }

            val firstEventEarly = measureFirstEvent(clients.values.toList(), rings, options.firstEventWarmup, options.firstEventTurns)
                .let { results -> ids.zip(results).toMap() }
            val firstEvent = measureFirstEvent(clients.values.toList(), rings, options.firstEventSteadyWarmup, options.firstEventSteadyTurns)
                .let { results -> ids.zip(results).toMap() }
            report.firstEvent(firstEventEarly, firstEvent, options)

            val concurrency = if (options.concurrency) measureAllConcurrency(server, catalog, clients, sessions, paced = false) else emptyMap()
            report.concurrency(concurrency, throughput)
            val paced = if (options.concurrency) measureAllConcurrency(server, catalog, clients, sessions, paced = true) else emptyMap()
            report.pacedConcurrency(paced, options)

            val memory = if (options.memory) measureMemory(server, catalog, sessions) else emptyList()
            report.memory(memory, options)

            val decoder = options.jmh?.let { settings ->
                out.println("\nRunning the decoder microbenchmark (JMH, -prof gc)...")
                runDecoderJmh(settings, verbose = false)
            } ?: emptyList<DecoderResult>()
            val paired = options.jmh?.let { settings ->
                measurePairedDecoderRatio(settings.events, if (options.smoke) 3 else 40, if (options.smoke) 1 else 20)
            }
            report.decoder(decoder, options.jmh?.events ?: 0, paired)

            val results = SuiteResults(options, throughput, throughputFlushed, throughputContentLength, firstEvent, firstEventEarly, connections, concurrency, paced, memory, decoder, paired)
            report.summary(results, catalog)
            return results
        } finally {
            clients.values.forEach { runCatching { it.close() } }
        }
    }

    /** Each client anew, [BenchOptions.sequentialCalls] sequential turns, connections counted on the server. */
    private fun measureAllConnections(
        server: BenchServer,
        catalog: ClientCatalog,
        ids: List<String>,
        sessions: SessionFactory,
    ): Map<String, ConnectionsResult> {
        val ring = SessionRing(sessions.create(SessionRing.SIZE))
        return ids.associateWith { id -> measureConnections(server, { catalog.create(id) }, ring, options.sequentialCalls) }
    }

    /**
     * [BenchOptions.concurrentStreams] streams at once: through each client that may be shared by many coroutines,
     * and, as the control that shows what the server and machine allow, through raw sockets, one thread each.
     * Full speed (`bench:<concurrentEvents>:blocks`, the server outrunning the clients) for the aggregate rate, or
     * [paced] (`bench:<pacedEvents>`, the server pausing before each event) so that every stream lasts long enough to
     * overlap all the others.
     */
    private fun measureAllConcurrency(
        server: BenchServer,
        catalog: ClientCatalog,
        clients: Map<String, StreamClient>,
        sessions: SessionFactory,
        paced: Boolean,
    ): Map<String, ConcurrencyResult> {
        val n = options.concurrentStreams
        val sets = List(2) { sessions.create(n) }
        val runningTurns = { server.stats().getValue("runningTurns") }
        val events = if (paced) options.pacedEvents else options.concurrentEvents
        val beforeRound = if (paced) {
            {
                server.clearQueue()
                server.pace(options.paceMillis, n)
            }
        } else {
            {}
        }
        fun measure(name: String, clientsPerStream: List<StreamClient>): ConcurrencyResult? = try {
            measureConcurrency(name, clientsPerStream, sets, events, runningTurns, if (paced) "" else BLOCKS, beforeRound)
        } catch (e: Exception) {
            // One client failing under the burst (a connect timeout, say) is that client's figure, not the run's end.
            out.println("\n$name: ${n} streams at once failed: ${e.javaClass.simpleName}: ${e.message?.take(200)}")
            null
        } finally {
            server.clearQueue()
        }
        val results = LinkedHashMap<String, ConcurrencyResult>()
        if (options.clients == null || ClientCatalog.RAW in options.clients) {
            val raw = List(n) { catalog.create(ClientCatalog.RAW) }
            try {
                measure("raw bytes, one socket and thread per stream (control)", raw)?.let { results[ClientCatalog.RAW] = it }
            } finally {
                raw.forEach { it.close() }
            }
        }
        clients.filterValues { it.concurrent }.forEach { (id, client) ->
            measure(client.name, List(n) { client })?.let { results[id] = it }
        }
        return results
    }

    /**
     * The references and the SDK's Kotlin Flow stream one long turn each in a JVM with a small heap, without the
     * final whole-answer `text`; the SDK with `skipFinalText` streams the whole turn, that event included.
     */
    private fun measureMemory(server: BenchServer, catalog: ClientCatalog, sessions: SessionFactory): List<MemoryResult> =
        catalog.memoryProbes.filter { id ->
            options.clients == null || id in options.clients || (id == ClientCatalog.SDK_FLOW_SKIP_TEXT && ClientCatalog.SDK_FLOW in options.clients)
        }.map { id ->
            val prompt = if (id == ClientCatalog.SDK_FLOW_SKIP_TEXT) ClientCatalog.memoryPromptWithText(options.memoryEvents)
            else ClientCatalog.memoryPrompt(options.memoryEvents)
            out.println("\nStreaming $prompt through '$id' in a -Xmx${options.memoryHeap} JVM...")
            runMemoryProbe(server, API_KEY, sessions.create(), sessions.create(), id, prompt, options.memoryHeap)
        }

    companion object {
        /** The server requires it, so every client pays for the header and the server for checking it. */
        const val API_KEY: String = "bench-key"

        /** The prompt flag of the client-bound chunked wire (see [dev.llamachat.benchmarks.server.BenchTurn.Framing.BLOCKS]). */
        const val BLOCKS: String = ":blocks"
    }
}

package dev.llamachat.benchmarks

import dev.llamachat.benchmarks.measure.ConcurrencyResult
import dev.llamachat.benchmarks.measure.ConnectionsResult
import dev.llamachat.benchmarks.measure.DecoderResult
import dev.llamachat.benchmarks.measure.FirstEventResult
import dev.llamachat.benchmarks.measure.MemoryResult
import dev.llamachat.benchmarks.measure.PairedRatio
import dev.llamachat.benchmarks.measure.ThroughputResult

/** Everything one run measured, keyed by client id (see [dev.llamachat.benchmarks.clients.ClientCatalog]). */
internal class SuiteResults(
    val options: BenchOptions,
    /** One HTTP chunk per event, the server writing faster than any client reads: the targets' row. */
    val throughput: Map<String, ThroughputResult>,
    /** One HTTP chunk per event in one server write each, as a server that flushes each event sends them. */
    val throughputFlushed: Map<String, ThroughputResult>,
    /** The same turns as one `Content-Length` body (no per-chunk cost): the second row. */
    val throughputContentLength: Map<String, ThroughputResult>,
    /** First event in the steady state (see [BenchOptions.firstEventSteadyWarmup]): the targets' figure. */
    val firstEvent: Map<String, FirstEventResult>,
    /** First event after only [BenchOptions.firstEventWarmup] turns per client. */
    val firstEventEarly: Map<String, FirstEventResult>,
    val connections: Map<String, ConnectionsResult>,
    val concurrency: Map<String, ConcurrencyResult>,
    /** The same streams paced by the server, so that each lasts long enough for all to overlap. */
    val pacedConcurrency: Map<String, ConcurrencyResult>,
    val memory: List<MemoryResult>,
    val decoder: List<DecoderResult>,
    val pairedDecoder: PairedRatio?,
)

package dev.llamachat.benchmarks.measure

import dev.llamachat.benchmarks.BenchServer
import java.io.File
import java.util.concurrent.TimeUnit

/** A long turn streamed in a child JVM with a small heap. */
internal class MemoryResult(
    val client: String,
    /** The turn streamed (see [dev.llamachat.benchmarks.server.BenchTurn]). */
    val prompt: String,
    val maxHeap: String,
    /** Every event (deltas, `text`, `stop`) was delivered. */
    val completed: Boolean,
    val delivered: Int,
    /** The largest heap occupancy right after a forced GC while the `text_delta` events streamed, in bytes. */
    val maxHeapAfterGcDeltasBytes: Long,
    /** The median of those samples. */
    val medianHeapAfterGcDeltasBytes: Long,
    /** The same over the whole turn, the final `text` event (the whole answer) included. */
    val maxHeapAfterGcBytes: Long,
    /** The same before the turn (classes loaded, one small turn done): what the client holds at rest. */
    val baselineHeapAfterGcBytes: Long,
    val gcSamples: Int,
    /** Bytes allocated per delivered event, all threads. */
    val bytesPerEvent: Double,
    val seconds: Double,
    /** Why the turn did not complete, or null. */
    val failure: String?,
)

/**
 * This JVM's classpath without kotlin-reflect, should any dependency bring it: with it on the classpath, Ktor's
 * `typeOf` keeps Kotlin metadata of about 3 MB alive (measured), which an application without kotlin-reflect does
 * not pay. The probe is such an application.
 */
private fun clientClassPath(): String =
    System.getProperty("java.class.path").split(File.pathSeparator).filterNot { "kotlin-reflect" in File(it).name }
        .joinToString(File.pathSeparator)

/**
 * Runs [dev.llamachat.benchmarks.MemoryProbeMain] in a child JVM with `-Xmx[maxHeap]`, streaming one
 * [prompt] turn through the client named [clientId], and reads its result line.
 */
internal fun runMemoryProbe(
    server: BenchServer,
    apiKey: String,
    warmSessionId: String,
    sessionId: String,
    clientId: String,
    prompt: String,
    maxHeap: String,
): MemoryResult {
    val log = File.createTempFile("llamachat-memory-probe", ".log")
    try {
        val command = listOf(
            BenchServer.javaExecutable(), "-Xmx$maxHeap", *ClassCensus.jvmOptions(clientId).toTypedArray(), "-cp", clientClassPath(),
            "dev.llamachat.benchmarks.MemoryProbeMain",
            "--base-url", server.baseUrl, "--api-key", apiKey, "--warm-session", warmSessionId, "--session", sessionId,
            "--client", clientId, "--prompt", prompt,
        )
        val process = ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start()
        if (!process.waitFor(10, TimeUnit.MINUTES)) process.destroyForcibly().waitFor()
        val output = log.readLines()
        val line = output.lastOrNull { it.startsWith("memory ") }
            ?: return MemoryResult(
                clientId, prompt, maxHeap, false, 0, -1, -1, -1, -1, 0, -1.0, 0.0,
                "no result (exit ${process.exitValue()}): " + output.takeLast(3).joinToString(" | ").take(300),
            )
        val failure = line.substringAfter(" failure=", "").ifEmpty { null }
        if ("delivered=" !in line) return MemoryResult(clientId, prompt, maxHeap, false, 0, -1, -1, -1, -1, 0, -1.0, 0.0, failure)
        val fields = line.removePrefix("memory ").substringBefore(" failure=").split(' ')
            .associate { it.substringBefore('=') to it.substringAfter('=') }
        return MemoryResult(
            client = fields.getValue("client"),
            prompt = prompt,
            maxHeap = maxHeap,
            completed = fields.getValue("completed").toBoolean(),
            delivered = fields.getValue("delivered").toInt(),
            maxHeapAfterGcDeltasBytes = fields.getValue("maxHeapAfterGcDeltas").toLong(),
            medianHeapAfterGcDeltasBytes = fields.getValue("medianHeapAfterGcDeltas").toLong(),
            maxHeapAfterGcBytes = fields.getValue("maxHeapAfterGc").toLong(),
            baselineHeapAfterGcBytes = fields.getValue("baselineHeapAfterGc").toLong(),
            gcSamples = fields.getValue("gcSamples").toInt(),
            bytesPerEvent = fields.getValue("bytesPerEvent").toDouble(),
            seconds = fields.getValue("seconds").toDouble(),
            failure = failure,
        )
    } finally {
        log.delete()
    }
}

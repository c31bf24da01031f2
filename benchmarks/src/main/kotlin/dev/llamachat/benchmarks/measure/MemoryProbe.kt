package dev.llamachat.benchmarks.measure

import dev.llamachat.benchmarks.TestkitServer
import java.io.File
import java.util.concurrent.TimeUnit

/** A long turn streamed in a child JVM with a small heap. */
internal class MemoryResult(
    val client: String,
    val events: Int,
    val maxHeap: String,
    val completed: Boolean,
    /** The largest heap occupancy right after a forced GC while the turn streamed, in bytes. */
    val maxHeapAfterGcBytes: Long,
    /** The same before the turn (classes loaded, one small turn done): what the client holds at rest. */
    val baselineHeapAfterGcBytes: Long,
    val gcSamples: Int,
    val bytesPerEvent: Double,
    val seconds: Double,
    val failure: String?,
)

/**
 * Runs [MemoryProbeMain] in a child JVM with `-Xmx[maxHeap]` streaming one `bench:<events>` turn through the
 * client named [clientId], and reads its one result line.
 */
internal fun runMemoryProbe(
    server: TestkitServer,
    apiKey: String,
    warmSessionId: String,
    sessionId: String,
    clientId: String,
    events: Int,
    maxHeap: String,
): MemoryResult {
    val log = File.createTempFile("llamachat-memory-probe", ".log")
    try {
        val command = listOf(
            TestkitServer.javaExecutable(), "-Xmx$maxHeap", "-cp", System.getProperty("java.class.path"),
            "dev.llamachat.benchmarks.MemoryProbeMain",
            "--base-url", server.baseUrl, "--api-key", apiKey, "--warm-session", warmSessionId, "--session", sessionId,
            "--client", clientId, "--events", events.toString(),
        )
        val process = ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start()
        if (!process.waitFor(10, TimeUnit.MINUTES)) process.destroyForcibly()
        val output = log.readLines()
        val line = output.lastOrNull { it.startsWith("memory ") }
        if (process.exitValue() != 0 || line == null) {
            val why = output.takeLast(5).joinToString(" | ").ifEmpty { "exit ${process.exitValue()}" }
            return MemoryResult(clientId, events, maxHeap, false, -1, -1, 0, -1.0, 0.0, why)
        }
        val fields = line.removePrefix("memory ").split(' ').associate { it.substringBefore('=') to it.substringAfter('=') }
        return MemoryResult(
            client = fields.getValue("client"),
            events = events,
            maxHeap = maxHeap,
            completed = true,
            maxHeapAfterGcBytes = fields.getValue("maxHeapAfterGc").toLong(),
            baselineHeapAfterGcBytes = fields.getValue("baselineHeapAfterGc").toLong(),
            gcSamples = fields.getValue("gcSamples").toInt(),
            bytesPerEvent = fields.getValue("bytesPerEvent").toDouble(),
            seconds = fields.getValue("seconds").toDouble(),
            failure = null,
        )
    } finally {
        log.delete()
    }
}

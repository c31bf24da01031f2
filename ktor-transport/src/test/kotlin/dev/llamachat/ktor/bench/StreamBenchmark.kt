package dev.llamachat.ktor.bench

import dev.llamachat.internal.ChatEventJson
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.testkit.LocalLlamaCloud
import io.ktor.client.engine.HttpClientEngineFactory
import io.ktor.client.engine.okhttp.OkHttp
import java.io.BufferedReader
import java.io.InputStreamReader
import java.lang.management.ManagementFactory
import java.net.Socket
import java.net.URI
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong
import kotlin.concurrent.thread
import kotlinx.coroutines.runBlocking

/**
 * Not a test (tests never time anything): measures how fast [LlamaCloudChat.stream] collects a `bench:<N>` turn
 * from testkit, against a plain socket + BufferedReader.readLine + kotlinx decode of each data line, and the
 * heap used meanwhile.
 *
 * Run: `mvn -q -o -pl ktor-transport test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test` then `java -cp target/test-classes:target/classes:$(cat cp.txt)
 * dev.llamachat.ktor.bench.StreamBenchmark [events] [rounds] [baseUrl]` (without a base URL, testkit runs in this
 * JVM; give the URL of a standalone `LocalLlamaCloudMain --api-key bench` to keep the server's work out).
 */
object StreamBenchmark {
    private const val KEY = "bench"

    @JvmStatic
    fun main(args: Array<String>) {
        val events = args.getOrNull(0)?.toInt() ?: 200_000
        val rounds = args.getOrNull(1)?.toInt() ?: 15
        val external = args.getOrNull(2)
        val local = if (external == null) LocalLlamaCloud.builder().apiKey(KEY).start() else null
        val baseUrl = external ?: local!!.baseUrl
        println("bench:$events x $rounds rounds against $baseUrl (${if (local != null) "in-process" else "external"} server), " +
            "java ${System.getProperty("java.version")}, max heap ${Runtime.getRuntime().maxMemory() shr 20} MB")
        try {
            // Rounds alternate between the variants, so that load from other processes hits them alike.
            val variants = listOf(
                Variant("LlamaCloudChat (CIO)", sdk(baseUrl, events, null)),
                Variant("LlamaCloudChat (OkHttp)", sdk(baseUrl, events, OkHttp)),
                Variant("socket + readLine + decode", baseline(baseUrl, events)),
            )
            repeat(5) { variants.forEach { it.run() } } // warm-up: JIT, connection pools
            repeat(rounds) { variants.forEach { it.measureOnce() } }
            variants.forEach { it.report() }
        } finally {
            local?.close()
        }
    }

    private fun sdk(baseUrl: String, events: Int, engine: HttpClientEngineFactory<*>?): () -> Long {
        val chat = LlamaCloudChat {
            apiKey = KEY
            this.baseUrl = baseUrl
            engineFactory = engine
            maxEventBytes = 64 shl 20 // the bench turn's final `text` event holds the whole answer
        }
        val sessionId = runBlocking { chat.create().sessionId }
        return {
            var count = 0L
            runBlocking { chat.stream(sessionId, "bench:$events", emptyList()).collect { count++ } }
            count
        }
    }

    private fun baseline(baseUrl: String, events: Int): () -> Long {
        val sessionId = LlamaCloudChat { apiKey = KEY; this.baseUrl = baseUrl }.use { runBlocking { it.create().sessionId } }
        val uri = URI(baseUrl)
        val body = """{"prompt":"bench:$events","index_ids":[]}""".toByteArray()
        return {
            var count = 0L
            Socket(uri.host, uri.port).use { socket ->
                socket.getOutputStream().apply {
                    write(("POST /api/v1/chat/$sessionId/messages/stream HTTP/1.1\r\nHost: ${uri.host}\r\n" +
                        "Authorization: Bearer $KEY\r\nContent-Type: application/json\r\nContent-Length: ${body.size}\r\n" +
                        "Connection: close\r\n\r\n").toByteArray())
                    write(body)
                    flush()
                }
                val reader = BufferedReader(InputStreamReader(socket.getInputStream(), Charsets.UTF_8), 8192)
                // Skip the headers: bench turns have a Content-Length, so the body is plain SSE lines.
                while (reader.readLine()?.isNotEmpty() == true) continue
                while (true) {
                    val line = reader.readLine() ?: break
                    if (line.startsWith("data: ")) {
                        ChatEventJson.decode(line.substring(6))
                        count++
                    }
                }
            }
            count
        }
    }

    private class Variant(val name: String, val run: () -> Long) {
        private val memory = ManagementFactory.getMemoryMXBean()
        private val rates = ArrayList<Double>()
        private val millis = ArrayList<Double>()
        private val allocatedPerEvent = ArrayList<Double>()
        private val cpuNanosPerEvent = ArrayList<Double>()
        private val os = ManagementFactory.getOperatingSystemMXBean() as com.sun.management.OperatingSystemMXBean
        private var growth = 0L
        private var baseline = 0L

        fun measureOnce() {
            System.gc()
            baseline = memory.heapMemoryUsage.used
            val max = AtomicLong(baseline)
            val sampling = AtomicBoolean(true)
            val sampler = thread(isDaemon = true) {
                while (sampling.get()) {
                    max.accumulateAndGet(memory.heapMemoryUsage.used, ::maxOf)
                    Thread.sleep(2)
                }
            }
            val allocatedBefore = allocatedByThread()
            val cpuBefore = os.processCpuTime
            val started = System.nanoTime()
            val count = run()
            val seconds = (System.nanoTime() - started) / 1e9
            val cpu = os.processCpuTime - cpuBefore
            val allocatedAfter = allocatedByThread()
            sampling.set(false)
            sampler.join()
            allocatedPerEvent += allocatedAfter.entries.sumOf { (id, bytes) -> bytes - (allocatedBefore[id] ?: 0L) }.toDouble() / count
            rates += count / seconds
            cpuNanosPerEvent += cpu.toDouble() / count
            millis += seconds * 1000
            growth = maxOf(growth, max.get() - baseline)
        }

        fun report() {
            rates.sort()
            millis.sort()
            allocatedPerEvent.sort()
            cpuNanosPerEvent.sort()
            println(
                ("%-27s median %5.2f M events/s (min %4.2f, max %4.2f), %4.0f ms per turn; CPU %4.0f ns per event " +
                    "(this JVM, all threads); %4.0f bytes allocated per event; heap growth while collecting <= %d MB over %d MB after GC")
                    .format(
                        name, rates[rates.size / 2] / 1e6, rates.first() / 1e6, rates.last() / 1e6, millis[millis.size / 2],
                        cpuNanosPerEvent[cpuNanosPerEvent.size / 2], allocatedPerEvent[allocatedPerEvent.size / 2], growth shr 20, baseline shr 20,
                    ),
            )
        }
    }

    /** Bytes allocated so far by each live thread (HotSpot's per-thread counters). */
    private fun allocatedByThread(): Map<Long, Long> {
        val threads = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean
        val ids = threads.allThreadIds
        val bytes = threads.getThreadAllocatedBytes(ids)
        return ids.indices.filter { bytes[it] >= 0 }.associate { ids[it] to bytes[it] }
    }
}

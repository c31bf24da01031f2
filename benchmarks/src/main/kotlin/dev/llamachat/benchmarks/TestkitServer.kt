package dev.llamachat.benchmarks

import java.io.BufferedReader
import java.io.Closeable
import java.io.File
import java.io.IOException
import java.io.InputStreamReader
import java.io.Writer
import java.util.concurrent.TimeUnit

/**
 * testkit running in its own JVM ([BenchServerMain]), started with the same `java` and this JVM's classpath, so
 * that server and clients do not share a heap, a JIT or GC pauses. Closing it ends the child.
 */
internal class TestkitServer private constructor(
    private val process: Process,
    private val stdout: BufferedReader,
    private val stdin: Writer,
    val baseUrl: String,
) : Closeable {
    val host: String get() = baseUrl.substringAfter("://").substringBefore(':')
    val port: Int get() = baseUrl.substringAfterLast(':').toInt()

    /** Distinct client TCP connections the server has seen since it started. */
    @Synchronized
    fun connectionsSeen(): Int = stats().getValue("connections")

    @Synchronized
    fun stats(): Map<String, Int> =
        command("stats", "stats ").removePrefix("stats ").split(' ').associate { it.substringBefore('=') to it.substringAfter('=').toInt() }

    /** The next [streams] streams pause [millis] ms between events (a paced turn instead of a full-speed one). */
    @Synchronized
    fun pace(millis: Long, streams: Int) {
        command("pace $millis $streams", "ok")
    }

    /** Drops any pacing left unused. */
    @Synchronized
    fun clearQueue() {
        command("clear", "ok")
    }

    private fun command(command: String, answerPrefix: String): String {
        stdin.write(command + "\n")
        stdin.flush()
        while (true) {
            val line = stdout.readLine() ?: throw IOException("the testkit JVM ended (exit ${process.waitFor()})")
            if (line.startsWith(answerPrefix)) return line
        }
    }

    override fun close() {
        runCatching { stdin.close() } // the child stops at the end of its stdin
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroy()
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly()
        }
    }

    companion object {
        /** Starts the server JVM and waits for its "listening on" line. */
        fun start(apiKey: String, jvmArgs: List<String> = listOf("-Xmx2g")): TestkitServer {
            val command = listOf(javaExecutable()) + jvmArgs +
                listOf("-cp", System.getProperty("java.class.path"), "dev.llamachat.benchmarks.BenchServerMain", "--api-key", apiKey)
            val process = ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start()
            val stdout = BufferedReader(InputStreamReader(process.inputStream, Charsets.UTF_8))
            val stdin = process.outputStream.writer(Charsets.UTF_8)
            while (true) {
                val line = stdout.readLine()
                if (line == null) {
                    process.destroyForcibly()
                    throw IOException("the testkit JVM ended before listening (exit ${process.waitFor()})")
                }
                val url = line.substringAfter("listening on ", "").trim()
                if (url.isNotEmpty()) return TestkitServer(process, stdout, stdin, url)
            }
        }

        /** The `java` of this JVM, so that both sides run the same runtime. */
        fun javaExecutable(): String = File(System.getProperty("java.home"), "bin/java").path
    }
}

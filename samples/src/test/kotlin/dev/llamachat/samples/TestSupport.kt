package dev.llamachat.samples

import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.testkit.LocalLlamaCloud
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.OutputStream
import java.io.PrintStream
import java.util.concurrent.TimeUnit

/** A PrintStream whose text the test reads back, and the text as it was at each flush. */
internal class Captured {
    private val bytes = ByteArrayOutputStream()

    /** What the output looked like at each flush, in order: how a reader at a terminal would have seen it grow. */
    val snapshots = mutableListOf<String>()

    val out: PrintStream = PrintStream(object : OutputStream() {
        override fun write(b: Int) = synchronized(bytes) { bytes.write(b) }
        override fun write(b: ByteArray, off: Int, len: Int) = synchronized(bytes) { bytes.write(b, off, len) }
        override fun flush() {
            synchronized(bytes) { snapshots += bytes.toString(Charsets.UTF_8) }
        }
    }, false, Charsets.UTF_8.name())

    fun text(): String {
        out.flush()
        return synchronized(bytes) { bytes.toString(Charsets.UTF_8) }
    }

    fun lines(): List<String> = text().lines()
}

/** A client on [server], as an application under test would make one. */
internal fun LocalLlamaCloud.client(): LlamaCloudChat {
    val url = baseUrl
    val key = apiKey ?: "test-key"
    return LlamaCloudChat {
        apiKey = key
        baseUrl = url
    }
}

/** The environment a sample reads to talk to [server]. */
internal fun LocalLlamaCloud.environment(): Map<String, String> =
    mapOf("LLAMA_CLOUD_API_KEY" to (apiKey ?: "test-key"), "LLAMA_CLOUD_BASE_URL" to baseUrl)

/** What a program run in its own JVM left behind. */
internal class ProcessResult(val exitCode: Int, val stdout: String, val stderr: String)

/**
 * Runs [mainClass] in a new JVM on this test's classpath, as `mvn exec:java` would run it, with [env] changed
 * (a null value removes the variable) and [stdin] as its input.
 */
internal fun runJava(mainClass: String, env: Map<String, String?> = emptyMap(), stdin: String = "", vararg args: String): ProcessResult {
    val process = startJava(mainClass, env, *args)
    process.outputStream.use { it.write(stdin.toByteArray()) }
    // Read both pipes while the program runs, so that a full pipe never blocks it.
    val stderr = StringBuilder()
    val errReader = Thread { stderr.append(process.errorStream.bufferedReader().readText()) }.apply { start() }
    val stdout = process.inputStream.bufferedReader().readText()
    // A guard against a hung program, not a measurement.
    check(process.waitFor(2, TimeUnit.MINUTES)) { "$mainClass did not end; output so far:\n$stdout" }
    errReader.join()
    return ProcessResult(process.exitValue(), stdout, stderr.toString())
}

/**
 * The options of every JVM a test starts. Its programs live for seconds: the quick JIT tier alone and the serial
 * collector start them with less CPU than the defaults, which are tuned for long-running servers (on a CI machine
 * with two cores the JIT threads and parallel GC compete with the test's own JVM). What the programs do does not
 * depend on either.
 */
internal val CHILD_JVM_OPTIONS: List<String> = listOf("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")

/**
 * What a child's command is prefixed with so that it starts with SIGINT at its default, as a program run from a
 * terminal does. A build started in the background of a script (`mvn verify &`, most CI runners) has SIGINT
 * ignored, every process it starts inherits that, and a JVM started so never installs a SIGINT handler: the chat's
 * Ctrl-C tests would then fail on that machine alone. GNU env (coreutils 8.31 and later) resets it; where it cannot,
 * nothing is prefixed.
 */
internal val DEFAULT_SIGINT: List<String> by lazy {
    val prefix = listOf("env", "--default-signal=INT")
    val works = runCatching { ProcessBuilder(prefix + "true").redirectErrorStream(true).start().waitFor() == 0 }.getOrDefault(false)
    if (works) prefix else emptyList()
}

/**
 * Starts [mainClass] in a new JVM on this test's classpath, with [env] changed (a null value removes the variable)
 * and SIGINT at its default ([DEFAULT_SIGINT]).
 */
internal fun startJava(mainClass: String, env: Map<String, String?>, vararg args: String): Process {
    val classpath = System.getProperty("surefire.test.class.path") ?: System.getProperty("java.class.path")
    val java = File(System.getProperty("java.home"), "bin/java").path
    val builder = ProcessBuilder(DEFAULT_SIGINT + listOf(java) + CHILD_JVM_OPTIONS + listOf("-cp", classpath, mainClass) + args)
    for ((name, value) in env) {
        if (value == null) builder.environment().remove(name) else builder.environment()[name] = value
    }
    return builder.start()
}

/** The environment without any LlamaCloud setting, as on a machine where nothing is configured. */
internal val NO_LLAMA_CLOUD_ENV: Map<String, String?> = mapOf(
    "LLAMA_CLOUD_API_KEY" to null, "LLAMA_PARSE_API_KEY" to null, "LLAMA_CLOUD_BASE_URL" to null, "LLAMA_CLOUD_INDEX_ID" to null,
)

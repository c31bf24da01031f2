package dev.llamachat.samples.chat

import dev.llamachat.samples.CHILD_JVM_OPTIONS
import dev.llamachat.samples.DEFAULT_SIGINT
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainInOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.ByteArrayOutputStream
import java.io.File
import java.nio.file.Files
import java.util.concurrent.TimeUnit
import org.jline.builtins.ScreenTerminal

/**
 * The chat as a person runs it: its own JVM on a real pseudo-terminal (util-linux `script` makes one), so JLine
 * finds a system terminal, raw mode and SIGINT from the terminal's line discipline. Waits on what the screen shows.
 */
class PseudoTerminalSpec : FunSpec({
    test("in a pseudo-terminal: a question streamed, Ctrl-C clearing a half-typed line, history kept in the home folder, /quit") {
        val script = listOf("/usr/bin/script", "/bin/script").map(::File).firstOrNull(File::canExecute)
        checkNotNull(script) { "util-linux `script` is needed to run the chat in a pseudo-terminal" }
        val home = Files.createTempDirectory("chat-home")
        val classpath = System.getProperty("surefire.test.class.path") ?: System.getProperty("java.class.path")
        val java = File(System.getProperty("java.home"), "bin/java").path
        val command = "stty cols 100 rows 40; exec '$java' ${CHILD_JVM_OPTIONS.joinToString(" ")} -cp '$classpath' dev.llamachat.samples.chat.ChatMain"
        // The terminal's Ctrl-C reaches the chat as SIGINT only if it does not inherit an ignored one (DEFAULT_SIGINT).
        val builder = ProcessBuilder(DEFAULT_SIGINT + listOf(script.path, "-qfec", command, "/dev/null")).redirectErrorStream(true)
        builder.environment().apply {
            listOf("LLAMA_CLOUD_API_KEY", "LLAMA_PARSE_API_KEY", "LLAMA_CLOUD_BASE_URL", "LLAMA_CLOUD_INDEX_ID", "NO_COLOR", "LLAMACHAT_HISTORY")
                .forEach { remove(it) }
            put("HOME", home.toString())
            put("TERM", "xterm-256color")
        }
        val process = builder.start()
        val output = ByteArrayOutputStream()
        Thread { process.inputStream.transferTo(object : java.io.OutputStream() {
            override fun write(b: Int) = synchronized(output) { output.write(b) }
            override fun write(b: ByteArray, off: Int, len: Int) = synchronized(output) { output.write(b, off, len) }
        }) }.apply { isDaemon = true }.start()

        fun screen(): List<String> {
            val emulator = ScreenTerminal(100, 400)
            emulator.write(synchronized(output) { output.toString(Charsets.UTF_8) })
            return emulator.toString().lines().map { it.trimEnd() }.dropLastWhile { it.isEmpty() }
        }
        fun awaitScreen(what: String, condition: (List<String>) -> Boolean) {
            val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
            while (!condition(screen())) {
                check(process.isAlive && System.nanoTime() < deadline) { "never saw $what; the screen:\n" + screen().joinToString("\n") }
                Thread.sleep(50)
            }
        }
        fun type(keys: String) = process.outputStream.run {
            write(keys.toByteArray())
            flush()
        }

        try {
            awaitScreen("the prompt") { it.lastOrNull() == "you>" }
            type("What were the main findings in Q3?\r")
            awaitScreen("the usage line") { lines -> lines.any { it.startsWith("[usage] ") } && lines.last() == "you>" }
            type("half typed")
            awaitScreen("the typed text") { lines -> lines.last() == "you> half typed" }
            type("\u0003")
            awaitScreen("the cleared line") { lines -> lines.last() == "you>" }
            type("/quit\r")
            check(process.waitFor(60, TimeUnit.SECONDS)) { "the chat did not end; the screen:\n" + screen().joinToString("\n") }
            process.exitValue() shouldBe ExitStatus.OK

            val lines = screen()
            lines shouldContainInOrder listOf(
                "you> What were the main findings in Q3?",
                """[tool] search_index {"query":"What were the main findings in Q3?","index_ids":["idx-demo"]}""",
                "According to the Q3 2025 Quarterly Report:",
            )
            lines shouldContain "Bye."
            Files.readString(home.resolve(".llamachat_history")) shouldContain "What were the main findings in Q3?"
        } finally {
            process.destroyForcibly()
            home.toFile().deleteRecursively()
        }
    }
})

package dev.llamachat.samples.chat

import java.io.FileDescriptor
import java.io.FileOutputStream
import java.io.PrintStream
import java.nio.charset.Charset

/** What the chat knows about where it runs: whether a person is at a terminal, and how to write to it. */
internal object Terminal {
    /**
     * The line editor, colours and the spinner only when both ends are a terminal (`System.console()` is null as soon
     * as input or output is redirected, and on Java 22+ says so with `isTerminal`) and the terminal is not `dumb`.
     * `NO_COLOR` (no-color.org) only turns colours off.
     */
    fun isInteractive(env: Map<String, String> = System.getenv()): Boolean {
        val console = System.console() ?: return false
        return isTerminal(console) && env["TERM"] != "dumb"
    }

    // Console.isTerminal() exists from Java 22, where System.console() is no longer null when redirected.
    private fun isTerminal(console: java.io.Console): Boolean =
        runCatching { java.io.Console::class.java.getMethod("isTerminal").invoke(console) as Boolean }.getOrDefault(true)

    /**
     * Standard output, written directly: under `mvn exec:java`, `System.out` is Maven's wrapper. The charset is the
     * terminal's, as the JVM saw it at start.
     */
    fun stdout(): PrintStream = PrintStream(FileOutputStream(FileDescriptor.out), true, charset().name())

    /** Whether the terminal can show the Braille spinner; otherwise it turns with ASCII. */
    fun supportsUnicode(): Boolean = charset() == Charsets.UTF_8

    private fun charset(): Charset =
        System.getProperty("sun.stdout.encoding")?.let { runCatching { Charset.forName(it) }.getOrNull() }
            ?: Charset.defaultCharset()
}

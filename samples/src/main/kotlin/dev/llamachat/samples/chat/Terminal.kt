package dev.llamachat.samples.chat

import java.io.FileDescriptor
import java.io.FileOutputStream
import java.io.PrintStream
import java.nio.charset.Charset

/** What the chat knows about where it runs: whether a person is at a terminal, and how to write to it. */
internal object Terminal {
    /**
     * Colours, the spinner and a prompt only when both ends are a terminal (`System.console()` is null as soon as
     * input or output is redirected) and the terminal is not `dumb`; `NO_COLOR` (no-color.org) turns them off too.
     */
    fun isInteractive(env: Map<String, String> = System.getenv()): Boolean =
        System.console() != null && env["TERM"] != "dumb" && env["NO_COLOR"].isNullOrEmpty()

    /**
     * Standard output, written directly: under `mvn exec:java`, `System.out` is Maven's wrapper, which may strip
     * ANSI sequences. The charset is the terminal's, as the JVM saw it at start.
     */
    fun stdout(): PrintStream = PrintStream(FileOutputStream(FileDescriptor.out), true, charset().name())

    /** Whether the terminal can show the Braille spinner; otherwise it turns with ASCII. */
    fun supportsUnicode(): Boolean = charset() == Charsets.UTF_8

    private fun charset(): Charset =
        System.getProperty("sun.stdout.encoding")?.let { runCatching { Charset.forName(it) }.getOrNull() }
            ?: Charset.defaultCharset()
}

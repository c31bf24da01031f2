package dev.llamachat.samples.chat

import java.io.ByteArrayOutputStream
import java.io.OutputStream
import java.io.PipedInputStream
import java.io.PipedOutputStream
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import org.jline.builtins.ScreenTerminal
import org.jline.terminal.Size
import org.jline.terminal.impl.ExternalTerminal

/**
 * A terminal for the chat made of pipes: keys go in as a person's terminal would send them, and what the chat wrote
 * is replayed on JLine's own VT100 emulator ([ScreenTerminal]) to read the screen back as text. The emulator is
 * taller than the terminal the chat sees, so that nothing scrolls away before the test reads it.
 */
internal class VirtualTerminal(val columns: Int = 80) : AutoCloseable {
    private val keyPipe = PipedOutputStream()
    private val output = ByteArrayOutputStream()

    val terminal: ExternalTerminal = ExternalTerminal(
        "test", "xterm-256color", PipedInputStream(keyPipe, 1 shl 16),
        object : OutputStream() {
            override fun write(b: Int) = synchronized(output) { output.write(b) }
            override fun write(b: ByteArray, off: Int, len: Int) = synchronized(output) { output.write(b, off, len) }
        },
        Charsets.UTF_8,
    ).apply { size = Size(columns, 40) }

    /** Sends [keys] as typed (`\r` is Enter, `\u0003` Ctrl-C, `\u001b[A` the up arrow). */
    fun type(keys: String) {
        keyPipe.write(keys.toByteArray(Charsets.UTF_8))
        keyPipe.flush()
    }

    /** Sends [text] as a terminal sends a paste (bracketed paste), then nothing else. */
    fun paste(text: String) = type("\u001b[200~$text\u001b[201~")

    /** Everything written so far. */
    fun raw(): String = synchronized(output) { output.toString(Charsets.UTF_8) }

    /** The screen's lines as a person would read them, trailing blanks removed and the empty rows below dropped. */
    fun screen(): List<String> {
        val emulator = ScreenTerminal(columns, SCREEN_ROWS)
        emulator.write(raw())
        return emulator.toString().lines().map { it.trimEnd() }.dropLastWhile { it.isEmpty() }
    }

    /** Waits until the screen satisfies [condition]; fails with the screen if it never does within [timeout]. */
    suspend fun awaitScreen(timeout: Duration = 30.seconds, condition: (List<String>) -> Boolean): List<String> =
        withContext(Dispatchers.IO) {
            withTimeoutOrNull(timeout) { pollUntil(condition) } ?: error("the screen never showed what was expected; it shows:\n" + screen().joinToString("\n"))
        }

    /** Waits until the last line shows the chat's prompt, empty. */
    suspend fun awaitPrompt(): List<String> = awaitScreen { it.lastOrNull() == "you>" }

    private suspend fun pollUntil(condition: (List<String>) -> Boolean): List<String> {
        while (true) {
            val lines = screen()
            if (condition(lines)) return lines
            delay(POLL_MILLIS)
        }
    }

    override fun close() {
        keyPipe.close()
        terminal.close()
    }

    private companion object {
        const val SCREEN_ROWS = 400
        const val POLL_MILLIS = 20L
    }
}

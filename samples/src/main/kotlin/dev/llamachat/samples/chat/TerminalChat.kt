package dev.llamachat.samples.chat

import dev.llamachat.ChatApi
import java.io.PrintStream
import java.nio.file.Path
import java.nio.file.Paths
import kotlinx.coroutines.runBlocking
import org.jline.terminal.Terminal as JLineTerminal
import org.jline.terminal.TerminalBuilder

/**
 * The chat on a JLine terminal: the line editor for input, [AnsiRenderer] for output, and Ctrl-C wired to stop the
 * running answer. The same code runs on the process's terminal and, in tests, on a terminal made of pipes.
 *
 * @param historyFile where the line editor keeps what was typed between runs; null keeps nothing.
 * @param colors false for `NO_COLOR`.
 */
internal class TerminalChat(
    private val terminal: JLineTerminal,
    chat: ChatApi,
    indexId: String,
    historyFile: Path?,
    colors: Boolean,
) {
    val app = ChatApp(
        chat,
        indexId,
        LineEditor(terminal, historyFile, ChatCommands.NAMES, colors),
        AnsiRenderer(terminal.writer(), colors = colors, width = { terminal.width }),
    )

    /** Runs the chat until `/quit` or Ctrl-D; returns its [ExitStatus]. */
    suspend fun run(): Int {
        // While an answer streams, the terminal is not in the line editor's raw mode, so Ctrl-C arrives as SIGINT.
        // The line editor puts its own handler in place while it reads (Ctrl-C there clears the line).
        val previous = terminal.handle(JLineTerminal.Signal.INT) { app.interrupt() }
        try {
            return app.run()
        } finally {
            terminal.handle(JLineTerminal.Signal.INT, previous)
            terminal.flush()
        }
    }

    companion object {
        /** Runs the chat on this process's terminal, configured from [env]; returns its [ExitStatus]. */
        fun runOnSystemTerminal(env: Map<String, String>): Int =
            TerminalBuilder.builder().system(true).name("llamachat").build().use { terminal ->
                val client = ChatMain.openClient(env, PrintStream(terminal.output(), true, Charsets.UTF_8.name()))
                    ?: return ExitStatus.CONFIG
                client.use {
                    val colors = env["NO_COLOR"].isNullOrEmpty()
                    runBlocking { TerminalChat(terminal, client.chat, client.indexId, historyFile(env), colors).run() }
                }
            }

        /** `LLAMACHAT_HISTORY`: a file, or `off`; by default `.llamachat_history` in `$HOME` (else Java's user.home). */
        fun historyFile(env: Map<String, String>): Path? {
            val setting = env["LLAMACHAT_HISTORY"]?.trim()
            return when {
                setting.equals("off", ignoreCase = true) -> null
                !setting.isNullOrEmpty() -> Paths.get(setting)
                // $HOME first, as shells and other terminal programs do; Java's user.home ignores it.
                else -> Paths.get(env["HOME"]?.takeIf { it.isNotBlank() } ?: System.getProperty("user.home"), ".llamachat_history")
            }
        }
    }
}

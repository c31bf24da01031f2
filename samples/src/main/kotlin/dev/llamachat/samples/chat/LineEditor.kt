package dev.llamachat.samples.chat

import java.nio.file.Path
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import org.jline.keymap.KeyMap
import org.jline.reader.Binding
import org.jline.reader.EndOfFileException
import org.jline.reader.LineReader
import org.jline.reader.LineReaderBuilder
import org.jline.reader.Reference
import org.jline.reader.UserInterruptException
import org.jline.reader.Widget
import org.jline.reader.impl.DefaultParser
import org.jline.reader.impl.completer.StringsCompleter
import org.jline.terminal.Terminal
import org.jline.utils.InfoCmp.Capability

/**
 * Questions typed at a terminal, through JLine's line editor: arrows, Home/End, word moves and the other Emacs keys
 * edit the line; Up and Down walk the history (kept in [historyFile] between runs, if one is given); Alt-Enter or
 * Ctrl-J inserts a line break, Enter sends; a paste (bracketed paste, which terminals wrap around pasted text) stays
 * one message however many lines it has; Tab completes commands. Ctrl-C clears the line being typed; Ctrl-D on an
 * empty line ends the input.
 *
 * @param commands the command names Tab completes.
 */
internal class LineEditor(
    private val terminal: Terminal,
    historyFile: Path?,
    commands: List<String>,
    colors: Boolean,
) : LineSource {
    private val reader: LineReader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("llamachat")
        // The text is sent as typed: no `!` history expansion, no backslash or quote handling.
        .parser(DefaultParser().escapeChars(null).quoteChars(CharArray(0)))
        .completer(StringsCompleter(commands))
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P...> ")
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
        .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
        .apply { if (historyFile != null) variable(LineReader.HISTORY_FILE, historyFile) }
        .build()
        .also(::bindNewlineKeys)
        .also(::bindNormalModeCursorKeys)

    private val prompt = if (colors) "\u001b[1myou>\u001b[0m " else "you> "

    /** Reads on the IO dispatcher, so that the chat's own thread stays free; blocks until Enter, Ctrl-D or the end. */
    override suspend fun readLine(): String? = withContext(Dispatchers.IO) { readBlocking() }

    private fun readBlocking(): String? {
        while (true) {
            try {
                return reader.readLine(prompt)
            } catch (e: UserInterruptException) {
                // Ctrl-C abandons what was typed; on an empty line, say how to leave instead.
                if (e.partialLine.isNullOrEmpty()) {
                    terminal.writer().println(LEAVE_HINT)
                    terminal.flush()
                }
            } catch (e: EndOfFileException) {
                return null
            }
        }
    }

    private fun bindNewlineKeys(reader: LineReader) {
        reader.widgets[INSERT_NEWLINE] = Widget {
            reader.buffer.write("\n")
            true
        }
        val keys = reader.keyMaps.getValue(LineReader.MAIN)
        keys.bind(Reference(INSERT_NEWLINE), KeyMap.alt('\r')) // Alt-Enter
        keys.bind(Reference(INSERT_NEWLINE), KeyMap.ctrl('J')) // Ctrl-J, which Enter never sends in raw mode
    }

    /**
     * JLine binds the cursor keys the terminfo names, which are what xterm sends in keypad mode (`ESC O A` for Up),
     * and asks the terminal for that mode. A terminal or multiplexer that ignores the request sends the normal-mode
     * sequences (`ESC [ A`), which would otherwise print as `^[[A`: give them the same actions.
     */
    private fun bindNormalModeCursorKeys(reader: LineReader) {
        val keys = reader.keyMaps.getValue(LineReader.MAIN)
        for ((normalMode, capability) in NORMAL_MODE_CURSOR_KEYS) {
            val keypadMode: String = KeyMap.key(terminal, capability) ?: continue
            val binding: Binding = keys.getBound(keypadMode) ?: continue
            if (keys.getBound(normalMode) == null) keys.bind(binding, normalMode)
        }
    }

    private companion object {
        const val INSERT_NEWLINE = "llamachat-insert-newline"
        val NORMAL_MODE_CURSOR_KEYS = mapOf(
            "\u001b[A" to Capability.key_up,
            "\u001b[B" to Capability.key_down,
            "\u001b[C" to Capability.key_right,
            "\u001b[D" to Capability.key_left,
            "\u001b[H" to Capability.key_home,
            "\u001b[F" to Capability.key_end,
        )
        const val LEAVE_HINT = "(Ctrl-D or /quit leaves)"
    }
}

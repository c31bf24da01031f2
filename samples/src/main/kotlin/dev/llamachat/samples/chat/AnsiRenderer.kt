package dev.llamachat.samples.chat

import dev.llamachat.ChatEvent
import java.io.PrintWriter

/**
 * Output for a person at a terminal: the answer streams as it is written, the model's thinking streams dimmed, each
 * tool call is one coloured line, and whenever the turn is quiet at the start of a line a spinner says what the
 * model is doing. The spinner lives only at the start of an empty line and is erased before anything is written,
 * so it never mixes with text, whatever the terminal's width. Streamed text is word-wrapped to the terminal's
 * width (read at each line), so that no word is split at the right edge.
 *
 * @param colors false for `NO_COLOR` (no-color.org): the same layout, no colours or styles.
 * @param width the terminal's current width in columns.
 */
internal class AnsiRenderer(
    private val out: PrintWriter,
    private val frames: List<String> = if (Terminal.supportsUnicode()) BRAILLE else ASCII,
    private val colors: Boolean = true,
    width: () -> Int = { DEFAULT_WIDTH },
) : ChatRenderer {
    private val wrap = WordWrap(width)
    private var atLineStart = true
    private var dimOpen = false
    private var running = false
    private var spinnerShown = false
    private var frame = 0
    private var activity = "thinking"
    private var thinkingStreamed = false
    private var textStreamed = false

    override val animates: Boolean get() = true

    // The line editor draws the prompt; it must start on a line of its own.
    override fun prompt() {
        endLine()
        out.flush()
    }

    // The line editor showed what the person typed, and its Enter moved to a new line.
    override fun echo(line: String) {
        atLineStart = true
        wrap.reset()
    }

    override fun turnStarted() {
        running = true
        thinkingStreamed = false
        textStreamed = false
        activity = "thinking"
        drawSpinner()
        out.flush()
    }

    override fun event(event: ChatEvent) {
        when (event) {
            is ChatEvent.ThinkingDelta -> {
                openDim()
                text(event.content)
                thinkingStreamed = true
            }
            is ChatEvent.Thinking -> {
                if (!thinkingStreamed && event.content.isNotBlank()) {
                    openDim()
                    text(event.content)
                }
                endLine()
            }
            is ChatEvent.ToolCall -> {
                styledLine(Formats.toolCall(event), Style.TOOL)
                activity = "running ${event.name}"
            }
            is ChatEvent.ToolResult -> activity = "writing"
            is ChatEvent.TextDelta -> {
                if (dimOpen) endLine()
                text(event.content)
                textStreamed = true
            }
            is ChatEvent.Text -> {
                if (!textStreamed) text(event.content)
                endLine()
            }
            is ChatEvent.Stop -> {
                endLine()
                if (event.isError) styledLine("The turn failed: ${event.error ?: "no reason given"}", Style.ERROR)
                styledLine(Formats.usage(event.usage), Style.DIM)
                running = false
            }
            is ChatEvent.Unknown -> styledLine("[event] ${event.type ?: "unknown"}", Style.DIM)
            is ChatEvent.UserInput -> Unit
        }
        drawSpinner()
        out.flush()
    }

    override fun tick() {
        frame = (frame + 1) % frames.size
        drawSpinner()
        out.flush()
    }

    override fun turnCancelled() {
        endLine()
        styledLine("Answer stopped.", Style.NOTICE)
        running = false
        out.flush()
    }

    override fun turnEnded() {
        running = false
        endLine()
        out.flush()
    }

    override fun line(text: String, style: Style) {
        endLine()
        styledLine(text, style)
        out.flush()
    }

    /** Streamed text, wrapped: it may end mid-line; the spinner stays away until a line is complete. */
    private fun text(content: String) {
        val wrapped = wrap.feed(content)
        if (wrapped.isEmpty()) return
        eraseSpinner()
        write(wrapped)
        atLineStart = wrap.column == 0
    }

    private fun openDim() {
        if (!dimOpen) {
            if (!atLineStart && !dimOpen) endLine()
            eraseSpinner()
            write(style(Style.DIM))
            dimOpen = true
        }
    }

    /** Closes an open style and, if the cursor is mid-line, ends the line. */
    private fun endLine() {
        eraseSpinner()
        val rest = wrap.finish()
        if (rest.isNotEmpty()) {
            write(rest)
            atLineStart = false
        }
        wrap.reset()
        if (dimOpen) {
            write(reset())
            dimOpen = false
        }
        if (!atLineStart) write("\n")
        atLineStart = true
    }

    private fun styledLine(text: String, style: Style) {
        endLine()
        write(style(style) + text + reset() + "\n")
        atLineStart = true
    }

    private fun drawSpinner() {
        if (!running || !atLineStart) return
        write("\r$CLEAR_LINE${style(Style.DIM)}${frames[frame]} $activity...${reset()}")
        spinnerShown = true
    }

    private fun eraseSpinner() {
        if (spinnerShown) {
            write("\r$CLEAR_LINE")
            spinnerShown = false
        }
    }

    private fun write(s: String) = out.print(s)

    private fun style(style: Style): String = if (colors) STYLES.getValue(style) else ""

    private fun reset(): String = if (colors) RESET else ""

    companion object {
        const val RESET: String = "\u001b[0m"
        const val BOLD: String = "\u001b[1m"
        const val DIM: String = "\u001b[2m"
        const val CYAN: String = "\u001b[36m"
        const val YELLOW: String = "\u001b[33m"
        const val RED: String = "\u001b[31m"
        const val CLEAR_LINE: String = "\u001b[2K"

        /** The width assumed when the terminal does not say. */
        const val DEFAULT_WIDTH: Int = 80

        val BRAILLE: List<String> = listOf("⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏")
        val ASCII: List<String> = listOf("|", "/", "-", "\\")

        private val STYLES = mapOf(
            Style.PLAIN to "", Style.DIM to DIM, Style.BOLD to BOLD, Style.TOOL to CYAN,
            Style.NOTICE to YELLOW, Style.ERROR to RED,
        )
    }
}

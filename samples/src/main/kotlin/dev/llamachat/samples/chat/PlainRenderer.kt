package dev.llamachat.samples.chat

import dev.llamachat.ChatEvent
import java.io.PrintStream

/**
 * Output for pipes and scripts: no colours, no spinner, no prompt, one record per line (`> question`,
 * `[thinking] ...`, `[tool] ...`, the answer, `[usage] ...`), so that `echo "question" | chat` can be parsed.
 */
internal class PlainRenderer(private val out: PrintStream) : ChatRenderer {
    private var textStreamed = false
    private var midLine = false

    override val animates: Boolean get() = false

    override fun prompt() = Unit

    override fun echo(line: String) {
        if (line.isNotBlank()) out.println("> $line")
    }

    override fun turnStarted() {
        textStreamed = false
        midLine = false
    }

    override fun event(event: ChatEvent) {
        when (event) {
            is ChatEvent.ThinkingDelta -> Unit // shown whole, on one line, when the thought is complete
            is ChatEvent.Thinking -> if (event.content.isNotBlank()) println("[thinking] ${Formats.oneLine(event.content)}")
            is ChatEvent.ToolCall -> println(Formats.toolCall(event))
            is ChatEvent.ToolResult -> Unit
            is ChatEvent.TextDelta -> {
                out.print(event.content)
                out.flush()
                textStreamed = true
                midLine = !event.content.endsWith("\n")
            }
            is ChatEvent.Text -> if (!textStreamed) println(event.content)
            is ChatEvent.Stop -> {
                if (event.isError) println("[error] the turn failed: ${event.error ?: "no reason given"}")
                println(Formats.usage(event.usage))
            }
            is ChatEvent.Unknown -> println("[event] ${event.type ?: "unknown"}")
            is ChatEvent.UserInput -> Unit
        }
    }

    override fun tick() = Unit

    override fun turnCancelled() = println("[cancelled]")

    override fun turnEnded() {
        if (midLine) out.println()
        midLine = false
        out.flush()
    }

    override fun line(text: String, style: Style) = println(if (style == Style.ERROR) "[error] $text" else text)

    /** A whole line, after ending the streamed answer's line if it is still open. */
    private fun println(text: String) {
        if (midLine) out.println()
        midLine = false
        out.println(text)
        out.flush()
    }
}

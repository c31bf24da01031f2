package dev.llamachat.samples.chat

import dev.llamachat.ChatEvent
import dev.llamachat.SessionSummary
import dev.llamachat.Usage

/** The one-line texts both renderers share, so that piped output reads like what the terminal shows. */
internal object Formats {
    fun toolCall(call: ChatEvent.ToolCall): String = "[tool] ${call.name} ${call.arguments}"

    fun usage(usage: Usage): String =
        "[usage] ${usage.totalInputTokens ?: "?"} tokens in / ${usage.totalOutputTokens ?: "?"} out, " +
            "${usage.durationMs?.toLong() ?: "?"} ms, turn ${usage.turns ?: "?"}"

    /** One line of `/sessions`: its [number] (what `/open` takes), a star for the current one, id, title, turns. */
    fun session(number: Int, summary: SessionSummary, current: Boolean): String {
        val turns = summary.jobMetadata?.turns ?: 0
        val title = summary.generatedTitle ?: "(untitled)"
        return "${number.toString().padStart(2)}${if (current) "*" else " "} ${summary.sessionId}  $title  ($turns turn${if (turns == 1L) "" else "s"})"
    }

    /** [text] cut to [max] characters, with an ellipsis when it was longer. */
    fun shortened(text: String, max: Int): String = if (text.length <= max) text else text.take(max - 1).trimEnd() + "..."

    /** A thought on one line: piped output stays one record per line. */
    fun oneLine(text: String): String = text.trim().replace(Regex("\\s*\\R\\s*"), " ")
}

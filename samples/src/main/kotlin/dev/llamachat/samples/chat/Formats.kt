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

    fun session(summary: SessionSummary, current: Boolean): String {
        val turns = summary.jobMetadata?.turns ?: 0
        val title = summary.generatedTitle ?: "(untitled)"
        return "${if (current) "*" else " "} ${summary.sessionId}  $title  ($turns turn${if (turns == 1L) "" else "s"})"
    }

    /** A thought on one line: piped output stays one record per line. */
    fun oneLine(text: String): String = text.trim().replace(Regex("\\s*\\R\\s*"), " ")
}

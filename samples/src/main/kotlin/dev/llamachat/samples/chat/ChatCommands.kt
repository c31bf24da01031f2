package dev.llamachat.samples.chat

import dev.llamachat.ChatEvent

/**
 * The chat's slash commands. Each runs against the [ChatApp]'s current session and reports through its renderer;
 * a service failure is reported, never fatal.
 */
internal class ChatCommands(private val app: ChatApp) {
    private val renderer get() = app.renderer

    /** Runs [line] (which starts with `/`); false when the chat should end. */
    suspend fun execute(line: String): Boolean {
        val name = line.substringBefore(' ').lowercase()
        val argument = line.substringAfter(' ', "").trim()
        when (name) {
            "/quit", "/exit" -> return false
            "/help" -> help()
            "/new" -> app.newSession()
            "/sessions" -> sessions()
            "/history" -> history()
            "/title" -> title(argument)
            "/delete" -> delete(argument)
            else -> renderer.line("Unknown command $name; /help lists the commands.", Style.ERROR)
        }
        return true
    }

    private fun help() {
        HELP.forEach { (command, what) -> renderer.line("${command.padEnd(16)} $what") }
        renderer.line("Anything else is a question for the current session. Ctrl-C stops an answer; at the prompt it quits.", Style.DIM)
    }

    private suspend fun sessions() {
        var count = 0
        app.chat.list().collect { summary ->
            renderer.line(Formats.session(summary, current = summary.sessionId == app.session.sessionId))
            count++
        }
        renderer.line("$count session${if (count == 1) "" else "s"}", Style.DIM)
    }

    private suspend fun history() {
        val session = app.session.history()
        if (session.events.isEmpty()) {
            renderer.line("No turns yet in ${session.sessionId}.", Style.DIM)
            return
        }
        renderer.line("History of ${session.sessionId}:", Style.DIM)
        // Indented, so that piped output tells the history from the chat's own lines.
        for (event in session.events) {
            when (event) {
                is ChatEvent.UserInput -> renderer.line("  > ${event.content}", Style.BOLD)
                is ChatEvent.Thinking -> renderer.line("  [thinking] ${Formats.oneLine(event.content)}", Style.DIM)
                is ChatEvent.ToolCall -> renderer.line("  ${Formats.toolCall(event)}", Style.TOOL)
                is ChatEvent.Text -> renderer.line(event.content.prependIndent("  "))
                is ChatEvent.Stop -> {
                    if (event.isError) renderer.line("  The turn failed: ${event.error ?: "no reason given"}", Style.ERROR)
                    renderer.line("  ${Formats.usage(event.usage)}", Style.DIM)
                }
                // Deltas, results and unknown events add nothing a reader of the history needs.
                else -> Unit
            }
        }
    }

    private suspend fun title(argument: String) {
        val source = argument.ifEmpty {
            app.session.history().events.filterIsInstance<ChatEvent.UserInput>().firstOrNull()?.content
        }
        if (source.isNullOrBlank()) {
            renderer.line("Nothing to make a title from: ask something first, or give one (/title <text>).", Style.ERROR)
            return
        }
        val summary = app.session.generateTitle(source)
        renderer.line("Title: ${summary.generatedTitle}")
    }

    private suspend fun delete(argument: String) {
        val id = argument.ifEmpty { app.session.sessionId }
        app.chat.delete(id)
        renderer.line("Deleted $id.")
        if (id == app.session.sessionId) app.newSession()
    }

    private companion object {
        val HELP = listOf(
            "/new" to "start a new session",
            "/sessions" to "list every session (* marks the current one)",
            "/history" to "show the current session's turns",
            "/title [text]" to "give the session a title (from its first question unless a text is given)",
            "/delete [id]" to "delete the current session (and start a new one), or the one named",
            "/help" to "show this help",
            "/quit" to "leave (so does Ctrl-D)",
        )
    }
}

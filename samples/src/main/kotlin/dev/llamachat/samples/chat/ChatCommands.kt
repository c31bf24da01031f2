package dev.llamachat.samples.chat

import dev.llamachat.ChatEvent
import dev.llamachat.SessionSummary

/**
 * The chat's slash commands. Each runs against the [ChatApp]'s current session and reports through its renderer;
 * a service failure is reported, never fatal.
 */
internal class ChatCommands(private val app: ChatApp) {
    private val renderer get() = app.renderer

    /** What the last `/sessions` listed, so that `/open 2` means its second line. */
    private var listed: List<SessionSummary> = emptyList()

    /** Runs [line] (which starts with `/`); false when the chat should end. */
    suspend fun execute(line: String): Boolean {
        val name = line.substringBefore(' ').lowercase()
        val argument = line.substringAfter(' ', "").trim()
        when (name) {
            "/quit", "/exit" -> return false
            "/help" -> help()
            "/new" -> app.newSession()
            "/sessions" -> sessions()
            "/open" -> open(argument)
            "/history" -> history()
            "/title" -> title(argument)
            "/delete" -> delete(argument)
            else -> renderer.line("Unknown command $name; /help lists the commands.", Style.ERROR)
        }
        return true
    }

    private fun help() {
        HELP.forEach { (command, what) -> renderer.line("${command.padEnd(17)} $what") }
        renderer.line(
            "Anything else is a question for the current session (at most 1000 characters). Alt-Enter or Ctrl-J " +
                "starts a new line; Enter sends. Ctrl-C stops an answer, or clears the line being typed.",
            Style.DIM,
        )
    }

    private suspend fun sessions() {
        val found = mutableListOf<SessionSummary>()
        app.chat.list().collect { summary ->
            found += summary
            renderer.line(Formats.session(found.size, summary, current = summary.sessionId == app.session.sessionId))
        }
        listed = found
        renderer.line("${found.size} session${if (found.size == 1) "" else "s"}; /open <number> resumes one", Style.DIM)
    }

    /** Resumes a session by its number in the last `/sessions` or by its id, with the indexes it is bound to. */
    private suspend fun open(argument: String) {
        if (argument.isEmpty()) {
            renderer.line("Which session? /open <number from /sessions> or /open <session id>.", Style.ERROR)
            return
        }
        val number = argument.toIntOrNull()
        val id = when {
            number == null -> argument
            number in 1..listed.size -> listed[number - 1].sessionId
            else -> {
                renderer.line("No session number $number: /sessions lists ${listed.size}.", Style.ERROR)
                return
            }
        }
        val stored = app.chat.retrieve(id)
        app.switchTo(app.chat.session(stored.sessionId, stored.indexIds))
        val turns = stored.events.count { it is ChatEvent.UserInput }
        val indexes = stored.indexIds?.joinToString() ?: "no index yet"
        renderer.line("Opened ${stored.sessionId} (${stored.generatedTitle ?: "untitled"}) on $indexes: $turns turn${if (turns == 1) "" else "s"}", Style.DIM)
        recap(stored.events)
    }

    /** The last turns of a reopened session, one line for the question and one for the start of the answer. */
    private fun recap(events: List<ChatEvent>) {
        val turns = mutableListOf<Pair<String, String?>>()
        for (event in events) {
            when (event) {
                is ChatEvent.UserInput -> turns += event.content to null
                is ChatEvent.Text -> if (turns.isNotEmpty()) turns[turns.lastIndex] = turns.last().first to event.content
                else -> Unit
            }
        }
        if (turns.size > RECAP_TURNS) renderer.line("  (${turns.size - RECAP_TURNS} earlier; /history shows all)", Style.DIM)
        for ((question, answer) in turns.takeLast(RECAP_TURNS)) {
            renderer.line("  > ${Formats.oneLine(question)}", Style.BOLD)
            if (answer != null) renderer.line("  ${Formats.shortened(Formats.oneLine(answer), RECAP_ANSWER_LENGTH)}", Style.DIM)
        }
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

    // The service has no call that sets a title: it generates one from a message, which /help says.
    private suspend fun title(argument: String) {
        val source = argument.ifEmpty {
            app.session.history().events.filterIsInstance<ChatEvent.UserInput>().firstOrNull()?.content
        }
        if (source.isNullOrBlank()) {
            renderer.line("Nothing to generate a title from: ask something first, or give a message (/title <message>).", Style.ERROR)
            return
        }
        val summary = app.session.generateTitle(source)
        renderer.line("Generated title: ${summary.generatedTitle}")
    }

    private suspend fun delete(argument: String) {
        val id = argument.ifEmpty { app.session.sessionId }
        app.chat.delete(id)
        renderer.line("Deleted $id.")
        if (id == app.session.sessionId) app.newSession()
    }

    companion object {
        /** The commands, for the line editor's Tab completion. */
        val NAMES: List<String> = listOf("/new", "/sessions", "/open", "/history", "/title", "/delete", "/help", "/quit")

        private const val RECAP_TURNS = 3
        private const val RECAP_ANSWER_LENGTH = 72

        private val HELP = listOf(
            "/new" to "start a new session",
            "/sessions" to "list every session, numbered (* marks the current one)",
            "/open <n|id>" to "resume a session (number from /sessions, or id): its last turns, its indexes",
            "/history" to "show the current session's turns",
            "/title [message]" to "have the service generate a title from a message (default: the first question); " +
                "the title is generated, not set to the text given",
            "/delete [id]" to "delete the current session (and start a new one), or the one named",
            "/help" to "show this help",
            "/quit" to "leave (so does Ctrl-D)",
        )
    }
}

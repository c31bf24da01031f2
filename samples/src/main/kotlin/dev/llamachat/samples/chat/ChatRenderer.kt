package dev.llamachat.samples.chat

import dev.llamachat.ChatEvent

/** How a line outside a turn looks on a terminal; piped output ignores it. */
internal enum class Style { PLAIN, DIM, BOLD, TOOL, NOTICE, ERROR }

/**
 * Shows the chat: the prompt, each turn's events as they arrive, and command output. Called from one coroutine at
 * a time (the chat's loop), never concurrently.
 */
internal interface ChatRenderer {
    /** Whether [tick] should be called while a turn runs (a spinner to turn). */
    val animates: Boolean

    /** Asks for the next line (a terminal shows a prompt; piped output shows nothing). */
    fun prompt()

    /** The line just read, echoed where the terminal did not show it already. */
    fun echo(line: String)

    /** A turn was sent; nothing has arrived yet. */
    fun turnStarted()

    /** One event of the running turn. */
    fun event(event: ChatEvent)

    /** Time passed while the turn runs: turn the spinner, if one shows. */
    fun tick()

    /** The turn was stopped (Ctrl-C) before its end. */
    fun turnCancelled()

    /** The turn is over, however it ended: nothing more of it will be shown. */
    fun turnEnded()

    /** A line of command output or a notice. */
    fun line(text: String, style: Style = Style.PLAIN)
}

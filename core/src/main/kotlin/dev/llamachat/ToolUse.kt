package dev.llamachat

import java.util.Optional

/**
 * One tool use of a turn: the call and, once it arrived, its result (paired by `call_id`).
 *
 * @property call what the agent called, with its arguments.
 * @property result what the tool returned, or null if the turn ended before the result.
 */
public data class ToolUse(val call: ChatEvent.ToolCall, val result: ChatEvent.ToolResult?) {
    /** [result] for Java callers. */
    public fun result(): Optional<ChatEvent.ToolResult> = Optional.ofNullable(result)
}

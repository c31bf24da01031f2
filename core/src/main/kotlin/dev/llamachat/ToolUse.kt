package dev.llamachat

import java.util.Objects
import java.util.Optional

/**
 * One tool use of a turn: the call and, once it arrived, its result (paired by `call_id`).
 *
 * Java sees `call()` and `result()`.
 *
 * @property call what the agent called, with its arguments.
 * @property result what the tool returned, or null if the turn ended before the result.
 */
public class ToolUse(
    @get:JvmName("call") public val call: ChatEvent.ToolCall,
    @get:JvmSynthetic public val result: ChatEvent.ToolResult?,
) {
    /** [result] for Java callers. */
    public fun result(): Optional<ChatEvent.ToolResult> = Optional.ofNullable(result)

    override fun equals(other: Any?): Boolean = other is ToolUse && call == other.call && result == other.result

    override fun hashCode(): Int = Objects.hash(call, result)

    override fun toString(): String = "ToolUse(call=$call, result=$result)"
}

package dev.llamachat

import java.util.Optional

/**
 * What one chat turn left behind, folded from its events by [collectTurn] or a [ChatTurnCollector].
 *
 * @property text the whole answer: the `text` event, or the text deltas joined if it never came.
 * @property thinking the whole reasoning: the `thinking` event, or the thinking deltas joined.
 * @property toolUses the tool calls in order, each with its result.
 * @property unpairedResults tool results whose call was never seen.
 * @property usage what the turn cost, from its `stop` event; null if there was none.
 * @property isError whether the turn failed after the stream began (the `stop` event said so).
 * @property error why it failed, or null.
 * @property unknownEvents events of types this SDK does not know, kept whole.
 * @property eventCount how many events the turn had.
 */
public data class ChatTurn(
    val text: String,
    val thinking: String,
    val toolUses: List<ToolUse>,
    val unpairedResults: List<ChatEvent.ToolResult>,
    val usage: Usage?,
    val isError: Boolean,
    val error: String?,
    val unknownEvents: List<ChatEvent.Unknown>,
    val eventCount: Int,
) {
    /** [usage] for Java callers. */
    public fun usage(): Optional<Usage> = Optional.ofNullable(usage)

    /** [error] for Java callers. */
    public fun error(): Optional<String> = Optional.ofNullable(error)
}

package dev.llamachat

import java.util.Objects
import java.util.Optional

/**
 * What one chat turn left behind, folded from its events by [collectTurn] or a [ChatTurnCollector].
 *
 * Java sees `text()`, `thinking()`, `toolUses()`, `unpairedResults()`, `usage()`, `isError()`, `error()`,
 * `unknownEvents()` and `eventCount()`.
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
public class ChatTurn(
    @get:JvmName("text") public val text: String,
    @get:JvmName("thinking") public val thinking: String,
    @get:JvmName("toolUses") public val toolUses: List<ToolUse>,
    @get:JvmName("unpairedResults") public val unpairedResults: List<ChatEvent.ToolResult>,
    @get:JvmSynthetic public val usage: Usage?,
    public val isError: Boolean,
    @get:JvmSynthetic public val error: String?,
    @get:JvmName("unknownEvents") public val unknownEvents: List<ChatEvent.Unknown>,
    @get:JvmName("eventCount") public val eventCount: Int,
) {
    /** [usage] for Java callers. */
    public fun usage(): Optional<Usage> = Optional.ofNullable(usage)

    /** [error] for Java callers. */
    public fun error(): Optional<String> = Optional.ofNullable(error)

    override fun equals(other: Any?): Boolean = other is ChatTurn && text == other.text &&
        thinking == other.thinking && toolUses == other.toolUses && unpairedResults == other.unpairedResults &&
        usage == other.usage && isError == other.isError && error == other.error &&
        unknownEvents == other.unknownEvents && eventCount == other.eventCount

    override fun hashCode(): Int =
        Objects.hash(text, thinking, toolUses, unpairedResults, usage, isError, error, unknownEvents, eventCount)

    override fun toString(): String = "ChatTurn(text=$text, thinking=$thinking, toolUses=$toolUses, " +
        "unpairedResults=$unpairedResults, usage=$usage, isError=$isError, error=$error, " +
        "unknownEvents=$unknownEvents, eventCount=$eventCount)"
}

package dev.llamachat

import dev.llamachat.internal.ChatEventSerializer
import java.util.Optional
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * One event of a chat turn, as streamed by `stream` and stored in a [Session]'s history.
 *
 * A completed turn is, in order: [ThinkingDelta]s, [Thinking], a [ToolCall] and its [ToolResult] per tool use,
 * [TextDelta]s, [Text], and exactly one [Stop]. Types this SDK does not know yet arrive as [Unknown] with their
 * raw JSON, so a newer server never breaks an older client.
 *
 * ```kotlin
 * when (event) {
 *     is ChatEvent.TextDelta -> print(event.content)
 *     is ChatEvent.Stop -> println("\n${event.usage.totalOutputTokens} tokens")
 *     else -> Unit
 * }
 * ```
 * Java 17 callers use `instanceof` patterns: `if (event instanceof ChatEvent.TextDelta d) ...`.
 */
@Serializable(with = ChatEventSerializer::class)
public sealed interface ChatEvent {
    /** The wire name of this event's type (`text_delta`, `stop`, ...), or null for an [Unknown] without one. */
    public val type: String?

    /** A piece of the model's reasoning, streamed as it is produced. */
    public data class ThinkingDelta(val content: String) : ChatEvent {
        override val type: String get() = "thinking_delta"
    }

    /** A piece of the answer, streamed as it is produced. */
    public data class TextDelta(val content: String) : ChatEvent {
        override val type: String get() = "text_delta"
    }

    /** The whole reasoning of the turn, after its deltas. */
    public data class Thinking(val content: String) : ChatEvent {
        override val type: String get() = "thinking"
    }

    /** The whole answer of the turn, after its deltas. */
    public data class Text(val content: String) : ChatEvent {
        override val type: String get() = "text"
    }

    /** The user's prompt, as stored in a session's history. */
    public data class UserInput(val content: String) : ChatEvent {
        override val type: String get() = "user_input"
    }

    /**
     * The agent called a tool.
     *
     * @property callId pairs this call with its [ToolResult].
     * @property name the tool's name, for example `search_index`.
     * @property arguments the call's arguments as a JSON object (its `toString()` is the JSON text).
     */
    public data class ToolCall(
        val callId: String,
        val name: String,
        val arguments: JsonObject,
    ) : ChatEvent {
        override val type: String get() = "tool_call"
    }

    /**
     * What a tool returned.
     *
     * @property callId the [ToolCall.callId] this result answers.
     * @property name the tool's name.
     * @property result any JSON value (its `toString()` is the JSON text).
     * @property imageAttachment a page screenshot to resolve lazily, or null.
     */
    public data class ToolResult(
        val callId: String,
        val name: String,
        val result: JsonElement,
        val imageAttachment: ImageAttachment? = null,
    ) : ChatEvent {
        override val type: String get() = "tool_result"

        /** [imageAttachment] for Java callers. */
        public fun imageAttachment(): Optional<ImageAttachment> = Optional.ofNullable(imageAttachment)
    }

    /**
     * The last event of every turn.
     *
     * @property error why the turn failed, or null.
     * @property isError whether the turn failed after the stream began.
     * @property usage what the turn cost.
     */
    public data class Stop(
        val error: String?,
        val isError: Boolean,
        val usage: Usage,
    ) : ChatEvent {
        override val type: String get() = "stop"

        /** [error] for Java callers. */
        public fun error(): Optional<String> = Optional.ofNullable(error)
    }

    /**
     * An event whose type this SDK does not know (or could not tell), kept whole.
     *
     * @property type the type name from the JSON or the SSE `event:` field, or null if neither had one.
     * @property json the event's raw JSON object.
     */
    public data class Unknown(
        override val type: String?,
        val json: JsonObject,
    ) : ChatEvent {
        /** [type] for Java callers. */
        public fun type(): Optional<String> = Optional.ofNullable(type)
    }
}

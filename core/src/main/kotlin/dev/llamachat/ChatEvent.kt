package dev.llamachat

import dev.llamachat.internal.EMPTY_JSON
import dev.llamachat.internal.JavaJson
import dev.llamachat.internal.extrasText
import java.util.Objects
import java.util.Optional
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * One event of a chat turn, as streamed by `stream` and stored in a [Session]'s history.
 *
 * A completed turn is, in order: [ThinkingDelta]s, [Thinking], a [ToolCall] and its [ToolResult] per tool use,
 * [TextDelta]s, [Text], and exactly one [Stop]. Types this SDK does not know yet arrive as [Unknown] with their
 * raw JSON, so a newer server never breaks an older client; fields it does not know on a known type are kept in
 * [additionalProperties].
 *
 * ```kotlin
 * when (event) {
 *     is ChatEvent.TextDelta -> print(event.content)
 *     is ChatEvent.Stop -> println("\n${event.usage.totalOutputTokens} tokens")
 *     else -> Unit
 * }
 * ```
 *
 * Java callers handle every type with a [Visitor], which the compiler checks for completeness:
 * `event.accept(new ChatEvent.Visitor<Void>() { ... })`. The SDK is compiled for Java 11 (and Android API 26),
 * so its class files carry no `PermittedSubclasses`: a Java 21 pattern `switch` over a `ChatEvent` compiles
 * only with a `default` branch, and `instanceof` chains are not checked for completeness; the visitor is.
 */
public sealed class ChatEvent(
    type: String?,
    additionalProperties: JsonObject,
) {
    /** The wire name of this event's type (`text_delta`, `stop`, ...), or null for an [Unknown] without one. */
    @get:JvmSynthetic
    public val type: String? = type

    /**
     * Fields of this event that its type does not define (a newer service may add some), kept as they came and
     * written back when the event is encoded. Empty for most events.
     */
    @get:JvmSynthetic
    public val additionalProperties: JsonObject = additionalProperties

    /** [type] for Java callers: empty only for an [Unknown] event that named no type. */
    public fun type(): Optional<String> = Optional.ofNullable(type)

    /** [additionalProperties] for Java callers, as plain Java values (see [ToolCall.arguments]). */
    public fun additionalProperties(): Map<String, Any?> = JavaJson.map(additionalProperties)

    /** Calls the [visitor]'s method for this event's type and returns what it returns. */
    public abstract fun <R> accept(visitor: Visitor<R>): R

    /**
     * One method per event type, so that a Java compiler reports an event type left unhandled. Implement it
     * (an anonymous class is fine) and pass it to [accept].
     *
     * @param R what each method returns (`Void` and `null` when nothing).
     */
    public interface Visitor<R> {
        /** Called for a [ThinkingDelta]. */
        public fun visitThinkingDelta(event: ThinkingDelta): R

        /** Called for a [TextDelta]. */
        public fun visitTextDelta(event: TextDelta): R

        /** Called for a [Thinking]. */
        public fun visitThinking(event: Thinking): R

        /** Called for a [Text]. */
        public fun visitText(event: Text): R

        /** Called for a [UserInput]. */
        public fun visitUserInput(event: UserInput): R

        /** Called for a [ToolCall]. */
        public fun visitToolCall(event: ToolCall): R

        /** Called for a [ToolResult]. */
        public fun visitToolResult(event: ToolResult): R

        /** Called for a [Stop]. */
        public fun visitStop(event: Stop): R

        /** Called for an [Unknown] event: a type this SDK does not know yet. */
        public fun visitUnknown(event: Unknown): R
    }

    /**
     * An event that carries one text, [content]: [ThinkingDelta], [TextDelta], [Thinking], [Text] or [UserInput].
     * Java sees `content()`. Two such events are equal when they are of the same type with the same content and
     * additional properties. (A turn's [Text] repeats what its [TextDelta]s carried; print one or the other.)
     */
    public sealed class ContentEvent(
        type: String,
        content: String,
        additionalProperties: JsonObject,
    ) : ChatEvent(type, additionalProperties) {
        /** The event's text. */
        @get:JvmName("content")
        public val content: String = content

        override fun equals(other: Any?): Boolean = other is ContentEvent && other.javaClass == javaClass &&
            content == other.content && additionalProperties == other.additionalProperties
        override fun hashCode(): Int = Objects.hash(type, content, additionalProperties)
        override fun toString(): String = "${javaClass.simpleName}(content=$content${extrasText(additionalProperties)})"
    }

    /** A piece of the model's reasoning, streamed as it is produced. */
    public class ThinkingDelta private constructor(content: String, additionalProperties: JsonObject) :
        ContentEvent("thinking_delta", content, additionalProperties) {
        /** A thinking delta of [content]. */
        public constructor(content: String) : this(content, EMPTY_JSON)

        /** This event with [properties] as its [additionalProperties]. */
        @JvmSynthetic
        public fun withAdditionalProperties(properties: JsonObject): ThinkingDelta = ThinkingDelta(content, properties)

        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitThinkingDelta(this)
    }

    /** A piece of the answer, streamed as it is produced. */
    public class TextDelta private constructor(content: String, additionalProperties: JsonObject) :
        ContentEvent("text_delta", content, additionalProperties) {
        /** A text delta of [content]. */
        public constructor(content: String) : this(content, EMPTY_JSON)

        /** This event with [properties] as its [additionalProperties]. */
        @JvmSynthetic
        public fun withAdditionalProperties(properties: JsonObject): TextDelta = TextDelta(content, properties)

        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitTextDelta(this)
    }

    /** The whole reasoning of the turn, after its deltas. */
    public class Thinking private constructor(content: String, additionalProperties: JsonObject) :
        ContentEvent("thinking", content, additionalProperties) {
        /** A thinking event of [content]. */
        public constructor(content: String) : this(content, EMPTY_JSON)

        /** This event with [properties] as its [additionalProperties]. */
        @JvmSynthetic
        public fun withAdditionalProperties(properties: JsonObject): Thinking = Thinking(content, properties)

        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitThinking(this)
    }

    /** The whole answer of the turn, after its deltas. */
    public class Text private constructor(content: String, additionalProperties: JsonObject) :
        ContentEvent("text", content, additionalProperties) {
        /** A text event of [content]. */
        public constructor(content: String) : this(content, EMPTY_JSON)

        /** This event with [properties] as its [additionalProperties]. */
        @JvmSynthetic
        public fun withAdditionalProperties(properties: JsonObject): Text = Text(content, properties)

        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitText(this)
    }

    /** The user's prompt, as stored in a session's history. */
    public class UserInput private constructor(content: String, additionalProperties: JsonObject) :
        ContentEvent("user_input", content, additionalProperties) {
        /** A user input of [content]. */
        public constructor(content: String) : this(content, EMPTY_JSON)

        /** This event with [properties] as its [additionalProperties]. */
        @JvmSynthetic
        public fun withAdditionalProperties(properties: JsonObject): UserInput = UserInput(content, properties)

        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitUserInput(this)
    }

    /**
     * The agent called a tool. Java sees `callId()`, `name()`, `arguments()` (plain Java values) and
     * `argumentsJson()` (the JSON text).
     *
     * @property callId pairs this call with its [ToolResult].
     * @property name the tool's name, for example `search_index`.
     * @property arguments the call's arguments as a JSON object (its `toString()` is the JSON text).
     */
    public class ToolCall private constructor(
        @get:JvmName("callId") public val callId: String,
        @get:JvmName("name") public val name: String,
        @get:JvmSynthetic public val arguments: JsonObject,
        additionalProperties: JsonObject,
    ) : ChatEvent("tool_call", additionalProperties) {
        /** A call of tool [name] with [arguments], identified by [callId]. */
        public constructor(callId: String, name: String, arguments: JsonObject) :
            this(callId, name, arguments, EMPTY_JSON)

        /**
         * A call with [arguments] given as plain values (for Java code, for example to script a turn with testkit):
         * `Map`s with `String` keys, `List`s, `String`s, `Number`s, `Boolean`s and `null`s, as [arguments] returns them.
         * @throws IllegalArgumentException if a value is none of those, naming where it is.
         */
        public constructor(callId: String, name: String, arguments: Map<String, *>) :
            this(callId, name, JavaJson.element(arguments) as JsonObject, EMPTY_JSON)

        /** This event with [properties] as its [additionalProperties]. */
        @JvmSynthetic
        public fun withAdditionalProperties(properties: JsonObject): ToolCall =
            ToolCall(callId, name, arguments, properties)

        /**
         * [arguments] for Java callers, as plain Java values: an unmodifiable `Map<String, Object>` whose values
         * are `Map`, `List`, `String`, `Boolean`, `null`, or a number: `Long` when written as an integer that fits
         * 64 bits, `BigInteger` for a larger integer, `Double` when it has a fraction or an exponent.
         */
        public fun arguments(): Map<String, Any?> = JavaJson.map(arguments)

        /** [arguments] as JSON text. */
        public fun argumentsJson(): String = arguments.toString()

        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitToolCall(this)
        override fun equals(other: Any?): Boolean = other is ToolCall && callId == other.callId &&
            name == other.name && arguments == other.arguments && additionalProperties == other.additionalProperties
        override fun hashCode(): Int = Objects.hash(callId, name, arguments, additionalProperties)
        override fun toString(): String =
            "ToolCall(callId=$callId, name=$name, arguments=$arguments${extrasText(additionalProperties)})"
    }

    /**
     * What a tool returned. Java sees `callId()`, `name()`, `result()` (a plain Java value), `resultJson()` (the
     * JSON text) and `imageAttachment()`.
     *
     * @property callId the [ToolCall.callId] this result answers.
     * @property name the tool's name.
     * @property result any JSON value (its `toString()` is the JSON text).
     * @property imageAttachment a page screenshot to resolve lazily, or null.
     */
    public class ToolResult private constructor(
        @get:JvmName("callId") public val callId: String,
        @get:JvmName("name") public val name: String,
        @get:JvmSynthetic public val result: JsonElement,
        @get:JvmSynthetic public val imageAttachment: ImageAttachment?,
        additionalProperties: JsonObject,
    ) : ChatEvent("tool_result", additionalProperties) {
        /** The [result] of the call [callId] of tool [name], with an optional [imageAttachment]. */
        public constructor(callId: String, name: String, result: JsonElement, imageAttachment: ImageAttachment? = null) :
            this(callId, name, result, imageAttachment, EMPTY_JSON)

        /**
         * The [result] given as a plain value (for Java code): a `Map`, `List`, `String`, `Number`, `Boolean` or
         * `null`, as [result] returns it.
         * @throws IllegalArgumentException if a value is none of those, naming where it is.
         */
        public constructor(callId: String, name: String, result: Any?, imageAttachment: ImageAttachment?) :
            this(callId, name, JavaJson.element(result), imageAttachment, EMPTY_JSON)

        /** This event with [properties] as its [additionalProperties]. */
        @JvmSynthetic
        public fun withAdditionalProperties(properties: JsonObject): ToolResult =
            ToolResult(callId, name, result, imageAttachment, properties)

        /**
         * [result] for Java callers, as a plain Java value: `Map<String, Object>`, `List<Object>`, `String`,
         * `Boolean`, a number (as for [ToolCall.arguments]), or `null` for a JSON `null`.
         */
        public fun result(): Any? = JavaJson.value(result)

        /** [result] as JSON text. */
        public fun resultJson(): String = result.toString()

        /** [imageAttachment] for Java callers. */
        public fun imageAttachment(): Optional<ImageAttachment> = Optional.ofNullable(imageAttachment)

        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitToolResult(this)
        override fun equals(other: Any?): Boolean = other is ToolResult && callId == other.callId &&
            name == other.name && result == other.result && imageAttachment == other.imageAttachment &&
            additionalProperties == other.additionalProperties
        override fun hashCode(): Int = Objects.hash(callId, name, result, imageAttachment, additionalProperties)
        override fun toString(): String = "ToolResult(callId=$callId, name=$name, result=$result, " +
            "imageAttachment=$imageAttachment${extrasText(additionalProperties)})"
    }

    /**
     * The last event of every turn. Java sees `error()`, `isError()` and `usage()`.
     *
     * @property error why the turn failed, or null.
     * @property isError whether the turn failed after the stream began.
     * @property usage what the turn cost.
     */
    public class Stop private constructor(
        @get:JvmSynthetic public val error: String?,
        public val isError: Boolean,
        @get:JvmName("usage") public val usage: Usage,
        additionalProperties: JsonObject,
    ) : ChatEvent("stop", additionalProperties) {
        /** A stop event; [isError] says whether the turn failed, [error] why. */
        public constructor(error: String?, isError: Boolean, usage: Usage) : this(error, isError, usage, EMPTY_JSON)

        /** This event with [properties] as its [additionalProperties]. */
        @JvmSynthetic
        public fun withAdditionalProperties(properties: JsonObject): Stop = Stop(error, isError, usage, properties)

        /** [error] for Java callers. */
        public fun error(): Optional<String> = Optional.ofNullable(error)

        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitStop(this)
        override fun equals(other: Any?): Boolean = other is Stop && error == other.error &&
            isError == other.isError && usage == other.usage && additionalProperties == other.additionalProperties
        override fun hashCode(): Int = Objects.hash(error, isError, usage, additionalProperties)
        override fun toString(): String =
            "Stop(error=$error, isError=$isError, usage=$usage${extrasText(additionalProperties)})"
    }

    /**
     * An event whose type this SDK does not know (or could not tell), kept whole and written back as it came.
     * Java sees `type()`, `fields()` (plain Java values, `type` included) and `fieldsJson()` (the JSON text).
     *
     * @property json the event's raw JSON object. Its fields other than `type` are also its [additionalProperties].
     */
    public class Unknown(
        type: String?,
        @get:JvmSynthetic public val json: JsonObject,
    ) : ChatEvent(type, if ("type" in json) JsonObject(json - "type") else json) {
        /**
         * An unknown event of [type] with [fields] (its `type` added unless [fields] has one), given as plain values
         * (for Java code; see [ToolCall]'s constructor that takes a `Map`).
         * @throws IllegalArgumentException if a value is none of those, naming where it is.
         */
        public constructor(type: String?, fields: Map<String, *>) :
            this(type, JavaJson.element(if (type == null || "type" in fields) fields else mapOf("type" to type) + fields) as JsonObject)

        /** [json] for Java callers, as plain Java values (see [ToolCall.arguments]). */
        public fun fields(): Map<String, Any?> = JavaJson.map(json)

        /** [json] as JSON text. */
        public fun fieldsJson(): String = json.toString()

        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitUnknown(this)
        override fun equals(other: Any?): Boolean = other is Unknown && type == other.type && json == other.json
        override fun hashCode(): Int = Objects.hash(type, json)
        override fun toString(): String = "Unknown(type=$type, json=$json)"
    }
}


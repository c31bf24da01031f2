package dev.llamachat.internal

import dev.llamachat.ChatEvent
import dev.llamachat.InternalLlamaChatApi
import dev.llamachat.Usage
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Converts [ChatEvent]s to and from their JSON, following docs/wire.md "Tolerance": an unknown `type` becomes
 * [ChatEvent.Unknown], a missing `type` is taken from the SSE event name or, where only one variant fits the
 * fields, inferred, and fields a known type does not define are kept in its `additionalProperties` and written
 * back by [encode].
 */
@InternalLlamaChatApi
public object ChatEventJson {
    /**
     * Decodes one event's JSON text. [sseEventName] is the SSE `event:` field, if any.
     * @throws SerializationException if [json] is not a JSON object, or not of its known type's shape.
     */
    public fun decode(json: String, sseEventName: String? = null): ChatEvent {
        val eventName = sseEventName?.takeIf { it.isNotEmpty() }
        if (eventName == null || eventName in CONTENT_TYPES) decodeContent(json, eventName)?.let { return it }
        val tree = LlamaJson.parseToJsonElement(json) as? JsonObject
            ?: throw SerializationException("an event must be a JSON object, was ${json.take(64)}")
        return decode(tree, eventName)
    }

    /**
     * The fast path for the events a turn is mostly made of (deltas, one per token): a content event with nothing
     * but `type` and `content` decodes straight from the text, without a JSON tree. Anything else (another type,
     * an unknown field, a wrong JSON type) gives null and takes the tree path, which keeps or reports it.
     */
    private fun decodeContent(json: String, eventName: String?): ChatEvent? {
        val wire = try {
            StrictJson.decodeFromString(ContentWire.serializer(), json)
        } catch (_: SerializationException) {
            return null
        }
        return when (wire.type ?: eventName) {
            "text_delta" -> ChatEvent.TextDelta(wire.content)
            "thinking_delta" -> ChatEvent.ThinkingDelta(wire.content)
            "text" -> ChatEvent.Text(wire.content)
            "thinking" -> ChatEvent.Thinking(wire.content)
            "user_input" -> ChatEvent.UserInput(wire.content)
            else -> null
        }
    }

    /**
     * Decodes one event from a JSON object, as found in a session's `events`. [sseEventName] names its type when
     * the JSON does not.
     * @throws SerializationException if [json] is not of its known type's shape.
     */
    public fun decode(json: JsonObject, sseEventName: String? = null): ChatEvent {
        val declared = json["type"]
        val type = if (declared == null || declared is JsonNull) {
            sseEventName?.takeIf { it.isNotEmpty() } ?: inferType(json)
        } else {
            (declared as? JsonPrimitive)?.takeIf { it.isString }?.content
                ?: throw SerializationException("an event's 'type' must be a string, was ${declared.toString().take(64)}")
        }
        if (type == null) return ChatEvent.Unknown(null, json)
        val known = FIELDS[type] ?: return ChatEvent.Unknown(type, json)
        val fields = JsonFields(json, "a $type event")
        val event = read(type, fields, json)
        val extras = fields.extras(known)
        return if (extras.isEmpty()) event else event.withExtras(extras)
    }

    /** A known type's event, its own fields checked. */
    private fun read(type: String, f: JsonFields, json: JsonObject): ChatEvent = when (type) {
        "thinking_delta" -> ChatEvent.ThinkingDelta(f.string("content"))
        "text_delta" -> ChatEvent.TextDelta(f.string("content"))
        "thinking" -> ChatEvent.Thinking(f.string("content"))
        "text" -> ChatEvent.Text(f.string("content"))
        "user_input" -> ChatEvent.UserInput(f.string("content"))
        "tool_call" -> ChatEvent.ToolCall(f.string("call_id"), f.string("name"), f.obj("arguments"))
        "tool_result" -> ChatEvent.ToolResult(
            f.string("call_id"), f.string("name"), json["result"] ?: JsonNull, f.optModel("image_attachment", ModelJson::imageAttachment),
        )
        "stop" -> {
            // Tolerance: a stop without is_error follows its error, and one without usage still ends the turn.
            val error = f.optString("error")
            ChatEvent.Stop(error, f.optBoolean("is_error") ?: (error != null), f.optModel("usage", ModelJson::usage) ?: Usage())
        }
        else -> error("no reader for known type $type")
    }

    /**
     * With neither a `type` nor an event name, only the variants whose own fields no other variant has can be
     * told apart, and only when those fields have the JSON types the variant needs; `content` alone fits five.
     */
    private fun inferType(json: JsonObject): String? {
        val callId = json["call_id"].let { it is JsonPrimitive && it.isString }
        return when {
            callId && json["arguments"] is JsonObject -> "tool_call"
            callId && json["result"].let { it != null && it !is JsonNull } -> "tool_result"
            json["usage"] is JsonObject || json["is_error"].isBoolean() -> "stop"
            else -> null
        }
    }

    private fun JsonElement?.isBoolean(): Boolean =
        this is JsonPrimitive && !isString && (content == "true" || content == "false")

    private fun ChatEvent.withExtras(extras: JsonObject): ChatEvent = when (this) {
        is ChatEvent.ThinkingDelta -> withAdditionalProperties(extras)
        is ChatEvent.TextDelta -> withAdditionalProperties(extras)
        is ChatEvent.Thinking -> withAdditionalProperties(extras)
        is ChatEvent.Text -> withAdditionalProperties(extras)
        is ChatEvent.UserInput -> withAdditionalProperties(extras)
        is ChatEvent.ToolCall -> withAdditionalProperties(extras)
        is ChatEvent.ToolResult -> withAdditionalProperties(extras)
        is ChatEvent.Stop -> withAdditionalProperties(extras)
        is ChatEvent.Unknown -> this
    }

    /** Each known type's own fields, `type` included. */
    private val FIELDS: Map<String, Set<String>> = mapOf(
        "thinking_delta" to setOf("type", "content"),
        "text_delta" to setOf("type", "content"),
        "thinking" to setOf("type", "content"),
        "text" to setOf("type", "content"),
        "user_input" to setOf("type", "content"),
        "tool_call" to setOf("type", "call_id", "name", "arguments"),
        "tool_result" to setOf("type", "call_id", "name", "result", "image_attachment"),
        "stop" to setOf("type", "error", "is_error", "usage"),
    )

    private val CONTENT_TYPES = setOf("thinking_delta", "text_delta", "thinking", "text", "user_input")

    /** The event's JSON text, `type` first. */
    public fun encode(event: ChatEvent): String = toJsonObject(event).toString()

    /** The event as a JSON object, `type` first, its unknown fields last. An [ChatEvent.Unknown] is written back as it came. */
    public fun toJsonObject(event: ChatEvent): JsonObject {
        val out = JsonWriter().put("type", event.type)
        when (event) {
            is ChatEvent.ThinkingDelta -> out.put("content", event.content)
            is ChatEvent.TextDelta -> out.put("content", event.content)
            is ChatEvent.Thinking -> out.put("content", event.content)
            is ChatEvent.Text -> out.put("content", event.content)
            is ChatEvent.UserInput -> out.put("content", event.content)
            is ChatEvent.ToolCall -> out.put("call_id", event.callId).put("name", event.name).put("arguments", event.arguments)
            is ChatEvent.ToolResult -> out.put("call_id", event.callId).put("name", event.name).put("result", event.result)
                .put("image_attachment", event.imageAttachment?.let(ModelJson::write))
            is ChatEvent.Stop -> out.put("error", event.error).putIfPresent("is_error", event.isError)
                .put("usage", ModelJson.write(event.usage))
            is ChatEvent.Unknown -> return event.json
        }
        return out.build(event.additionalProperties)
    }
}

/** Decodes the fast path strictly: an unknown field fails it, so that the tree path can keep the field. */
private val StrictJson: Json = Json { ignoreUnknownKeys = false }

/** A content event's JSON when it has nothing else. */
@Serializable
private class ContentWire(val type: String? = null, val content: String)

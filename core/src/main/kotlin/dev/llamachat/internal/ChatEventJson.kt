package dev.llamachat.internal

import dev.llamachat.ChatEvent
import dev.llamachat.ImageAttachment
import dev.llamachat.InternalLlamaChatApi
import dev.llamachat.Usage
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.decodeFromJsonElement
import kotlinx.serialization.json.encodeToJsonElement
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.put

/**
 * Converts [ChatEvent]s to and from their JSON, following docs/wire.md "Tolerance": unknown fields are ignored,
 * an unknown `type` becomes [ChatEvent.Unknown], and a missing `type` is taken from the SSE event name or, where
 * only one variant fits the fields, inferred.
 */
@InternalLlamaChatApi
public object ChatEventJson {
    /**
     * Decodes one event's JSON text. [sseEventName] is the SSE `event:` field, if any.
     * @throws SerializationException if [json] is not a JSON object, or not of its known type's shape.
     */
    public fun decode(json: String, sseEventName: String? = null): ChatEvent {
        // One pass into a flat shape covers every well-formed event without building a JSON tree.
        val wire = try {
            LlamaJson.decodeFromString(WireEvent.serializer(), json)
        } catch (e: SerializationException) {
            val tree = LlamaJson.parseToJsonElement(json) as? JsonObject ?: throw e
            return decodeTolerantly(tree, sseEventName, e)
        }
        val type = wire.type ?: sseEventName?.takeIf { it.isNotEmpty() } ?: wire.inferType()
        return wire.toEvent(type) ?: ChatEvent.Unknown(type, LlamaJson.parseToJsonElement(json).jsonObject)
    }

    /**
     * Decodes one event from a JSON object, as found in a session's `events`.
     * @throws SerializationException if [json] is not of its known type's shape.
     */
    public fun decode(json: JsonObject): ChatEvent {
        val wire = try {
            LlamaJson.decodeFromJsonElement(WireEvent.serializer(), json)
        } catch (e: SerializationException) {
            return decodeTolerantly(json, null, e)
        }
        val type = wire.type ?: wire.inferType()
        return wire.toEvent(type) ?: ChatEvent.Unknown(type, json)
    }

    /**
     * The slow path, for an object the flat shape rejected because some field has an unexpected JSON type. That is
     * fine in an unknown event (its fields may mean anything) and in a field the event's own type does not have
     * (an unknown field); only a known type whose own fields are wrong is malformed.
     */
    private fun decodeTolerantly(json: JsonObject, sseEventName: String?, cause: SerializationException): ChatEvent {
        val declared = json["type"]
        val type = if (declared == null || declared is JsonNull) {
            sseEventName?.takeIf { it.isNotEmpty() }
        } else {
            (declared as? JsonPrimitive)?.takeIf { it.isString }?.content
                ?: throw SerializationException("an event's 'type' must be a string, was $declared", cause)
        }
        if (type != null) {
            val fields = FIELDS[type] ?: return ChatEvent.Unknown(type, json)
            return LlamaJson.decodeFromJsonElement(WireEvent.serializer(), json.only(fields)).toEvent(type)!!
        }
        // No type and no event name: a variant is inferred only if its own fields fit; otherwise it is unknown.
        for (candidate in INFERABLE) {
            val wire = try {
                LlamaJson.decodeFromJsonElement(WireEvent.serializer(), json.only(FIELDS.getValue(candidate)))
            } catch (_: SerializationException) {
                continue
            }
            if (wire.inferType() == candidate) return wire.toEvent(candidate)!!
        }
        return ChatEvent.Unknown(null, json)
    }

    private fun JsonObject.only(fields: Set<String>): JsonObject = JsonObject(filterKeys { it in fields })

    /** Each known type's own fields. */
    private val FIELDS: Map<String, Set<String>> = mapOf(
        "thinking_delta" to setOf("content"),
        "text_delta" to setOf("content"),
        "thinking" to setOf("content"),
        "text" to setOf("content"),
        "user_input" to setOf("content"),
        "tool_call" to setOf("call_id", "name", "arguments"),
        "tool_result" to setOf("call_id", "name", "result", "image_attachment"),
        "stop" to setOf("error", "is_error", "usage"),
    )

    /** The types [WireEvent.inferType] can tell from fields alone. */
    private val INFERABLE = listOf("tool_call", "tool_result", "stop")

    /** The event's JSON text, `type` first. */
    public fun encode(event: ChatEvent): String = toJsonObject(event).toString()

    /** The event as a JSON object, `type` first. An [ChatEvent.Unknown] is written back as it came. */
    public fun toJsonObject(event: ChatEvent): JsonObject = when (event) {
        is ChatEvent.Unknown -> event.json
        else -> buildJsonObject {
            put("type", event.type)
            when (event) {
                is ChatEvent.ThinkingDelta -> put("content", event.content)
                is ChatEvent.TextDelta -> put("content", event.content)
                is ChatEvent.Thinking -> put("content", event.content)
                is ChatEvent.Text -> put("content", event.content)
                is ChatEvent.UserInput -> put("content", event.content)
                is ChatEvent.ToolCall -> {
                    put("call_id", event.callId)
                    put("name", event.name)
                    put("arguments", event.arguments)
                }
                is ChatEvent.ToolResult -> {
                    put("call_id", event.callId)
                    put("name", event.name)
                    put("result", event.result)
                    put("image_attachment", event.imageAttachment?.let { LlamaJson.encodeToJsonElement(it) } ?: JsonNull)
                }
                is ChatEvent.Stop -> {
                    put("error", event.error)
                    put("is_error", event.isError)
                    put("usage", LlamaJson.encodeToJsonElement(event.usage))
                }
                is ChatEvent.Unknown -> error("handled above")
            }
        }
    }
}

/** Every field any known event type has; which ones must be present depends on the type. */
@Serializable
private class WireEvent(
    val type: String? = null,
    val content: String? = null,
    @SerialName("call_id") val callId: String? = null,
    val name: String? = null,
    val arguments: JsonObject? = null,
    val result: JsonElement? = null,
    @SerialName("image_attachment") val imageAttachment: ImageAttachment? = null,
    val error: String? = null,
    @SerialName("is_error") val isError: Boolean? = null,
    val usage: Usage? = null,
) {
    /** Only the types whose fields no other type has can be inferred; `content` alone fits five. */
    fun inferType(): String? = when {
        callId != null && arguments != null -> "tool_call"
        callId != null && result != null -> "tool_result"
        usage != null || isError != null -> "stop"
        else -> null
    }

    /** The typed event, or null if [type] is not one this SDK knows. */
    fun toEvent(type: String?): ChatEvent? = when (type) {
        "thinking_delta" -> ChatEvent.ThinkingDelta(required(content, "content", type))
        "text_delta" -> ChatEvent.TextDelta(required(content, "content", type))
        "thinking" -> ChatEvent.Thinking(required(content, "content", type))
        "text" -> ChatEvent.Text(required(content, "content", type))
        "user_input" -> ChatEvent.UserInput(required(content, "content", type))
        "tool_call" -> ChatEvent.ToolCall(
            required(callId, "call_id", type), required(name, "name", type), required(arguments, "arguments", type),
        )
        "tool_result" -> ChatEvent.ToolResult(
            required(callId, "call_id", type), required(name, "name", type), result ?: JsonNull, imageAttachment,
        )
        "stop" -> ChatEvent.Stop(error, isError ?: (error != null), usage ?: Usage())
        else -> null
    }

    private fun <T : Any> required(value: T?, field: String, type: String): T =
        value ?: throw SerializationException("a $type event needs '$field'")
}

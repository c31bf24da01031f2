package dev.llamachat.internal

import dev.llamachat.ChatEvent
import dev.llamachat.InternalLlamaChatApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonObject

/** Lets [ChatEvent] appear in serializable models (a session's `events`); JSON only. */
@InternalLlamaChatApi
public object ChatEventSerializer : KSerializer<ChatEvent> {
    override val descriptor: SerialDescriptor = JsonObject.serializer().descriptor

    override fun deserialize(decoder: Decoder): ChatEvent {
        val json = decoder as? JsonDecoder ?: throw SerializationException("ChatEvent can only be read from JSON")
        return ChatEventJson.decode(json.decodeSerializableValue(JsonObject.serializer()))
    }

    override fun serialize(encoder: Encoder, value: ChatEvent) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("ChatEvent can only be written as JSON")
        json.encodeSerializableValue(JsonObject.serializer(), ChatEventJson.toJsonObject(value))
    }
}

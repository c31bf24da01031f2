package dev.llamachat.internal

import dev.llamachat.ChatEvent
import kotlinx.serialization.json.JsonObject

/** Lets [ChatEvent] appear in serializable shapes (a session's `events`); JSON only. */
internal object ChatEventSerializer : JsonObjectSerializer<ChatEvent>("an event") {
    override fun read(fields: JsonFields, json: JsonObject): ChatEvent = ChatEventJson.decode(json)
    override fun write(value: ChatEvent): JsonObject = ChatEventJson.toJsonObject(value)
}

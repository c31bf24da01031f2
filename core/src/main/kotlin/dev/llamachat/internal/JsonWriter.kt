package dev.llamachat.internal

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Builds one model's JSON object in wire order: its known fields first, then the fields it kept without knowing
 * them. A nullable field the reference types as `T | null` is written as an explicit `null`, as the service does;
 * an optional field the service may leave out (`turns?: number`) is left out when absent, never written as 0.
 */
internal class JsonWriter {
    private val fields = LinkedHashMap<String, JsonElement>()

    /** Writes [value], or an explicit `null`. */
    fun put(name: String, value: String?): JsonWriter = put(name, JsonPrimitive(value))

    /** Writes [value], or an explicit `null`. */
    fun put(name: String, value: Long?): JsonWriter = put(name, JsonPrimitive(value))

    /** Writes [value], or an explicit `null`. */
    fun put(name: String, value: List<String>?): JsonWriter =
        put(name, value?.let { list -> JsonArray(list.map(::JsonPrimitive)) } ?: JsonNull)

    /** Writes [value], or an explicit `null`. */
    fun put(name: String, value: JsonElement?): JsonWriter {
        fields[name] = value ?: JsonNull
        return this
    }

    /** Writes [value] only if there is one. */
    fun putIfPresent(name: String, value: Number?): JsonWriter {
        if (value != null) fields[name] = JsonPrimitive(value)
        return this
    }

    /** Writes [value] only if there is one. */
    fun putIfPresent(name: String, value: Boolean?): JsonWriter {
        if (value != null) fields[name] = JsonPrimitive(value)
        return this
    }

    /** The object, with [additionalProperties] after the known fields (a known field is never overwritten). */
    fun build(additionalProperties: JsonObject): JsonObject {
        for ((name, value) in additionalProperties) fields.putIfAbsent(name, value)
        return JsonObject(fields)
    }
}

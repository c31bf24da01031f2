package dev.llamachat.internal

import java.math.BigInteger
import java.util.Collections
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * JSON as plain Java values, for the Java view of the models: an object is an unmodifiable `Map<String, Object>`
 * (keys in their JSON order), an array an unmodifiable `List<Object>`, a string a `String`, `true`/`false` a
 * `Boolean`, `null` a Java `null`, and a number a `Long` when it is written as an integer that fits in 64 bits, a
 * `BigInteger` when it is a larger integer, and a `Double` when it has a fraction or an exponent (as Jackson reads
 * numbers by default). [element] goes the other way, for events a Java caller builds.
 */
internal object JavaJson {
    fun value(element: JsonElement): Any? = when (element) {
        is JsonNull -> null
        is JsonObject -> map(element)
        is JsonArray -> Collections.unmodifiableList(element.map(::value))
        is JsonPrimitive -> if (element.isString) element.content else literal(element.content)
    }

    fun map(json: JsonObject): Map<String, Any?> {
        if (json.isEmpty()) return emptyMap()
        val map = LinkedHashMap<String, Any?>(json.size * 2)
        for ((key, element) in json) map[key] = value(element)
        return Collections.unmodifiableMap(map)
    }

    /**
     * [value] as JSON: a `Map` with `String` keys is an object (in the map's order), an `Iterable` or an array an
     * array, a `String` a string, a `Boolean` `true`/`false`, a finite `Number` a number, `null` JSON `null`, and a
     * [JsonElement] itself.
     * @throws IllegalArgumentException for anything else, naming where in [value] it was.
     */
    fun element(value: Any?, path: String = "$"): JsonElement = when (value) {
        null -> JsonNull
        is JsonElement -> value
        is String -> JsonPrimitive(value)
        is Boolean -> JsonPrimitive(value)
        is Number -> {
            require(value !is Double && value !is Float || value.toDouble().isFinite()) { "$path is $value, which JSON cannot hold" }
            JsonPrimitive(value)
        }
        is Map<*, *> -> JsonObject(
            value.entries.associate { (key, item) ->
                require(key is String) { "$path has a key that is not a String: $key" }
                key to element(item, "$path.$key")
            },
        )
        is Iterable<*> -> JsonArray(value.mapIndexed { i, item -> element(item, "$path[$i]") })
        is Array<*> -> JsonArray(value.mapIndexed { i, item -> element(item, "$path[$i]") })
        else -> throw IllegalArgumentException(
            "$path is a ${value.javaClass.name}; JSON takes a Map, a List, a String, a Number, a Boolean or null",
        )
    }

    /**
     * A non-string primitive's literal: `true`, `false` or a number. kotlinx's tree parser also keeps other
     * unquoted words (`NaN`), which are not JSON; those stay their text.
     */
    private fun literal(text: String): Any = when {
        text == "true" -> true
        text == "false" -> false
        !isJsonNumber(text) -> text
        text.any { it == '.' || it == 'e' || it == 'E' } -> text.toDouble()
        else -> text.toLongOrNull() ?: BigInteger(text)
    }
}

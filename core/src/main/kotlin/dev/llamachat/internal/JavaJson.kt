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
 * numbers by default).
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

package dev.llamachat.internal

import java.math.BigDecimal
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Reads the fields of one JSON object of the wire into a model, with messages that name the field and its owner
 * ("a stop event's 'usage.turns' must be an integer, was 1.5"). A JSON `null` in an optional field reads as
 * absent. Everything the model does not know is kept by [extras].
 */
internal class JsonFields(
    private val json: JsonObject,
    private val owner: String,
    private val path: String = "",
) {
    fun string(name: String): String = optString(name) ?: throw missing(name)

    fun optString(name: String): String? {
        val element = present(name) ?: return null
        if (element is JsonPrimitive && element.isString) return element.content
        throw wrongType(name, "a string", element)
    }

    fun obj(name: String): JsonObject = optObj(name) ?: throw missing(name)

    fun optObj(name: String): JsonObject? {
        val element = present(name) ?: return null
        return element as? JsonObject ?: throw wrongType(name, "an object", element)
    }

    fun optStringList(name: String): List<String>? {
        val element = present(name) ?: return null
        val array = element as? JsonArray ?: throw wrongType(name, "an array of strings", element)
        return array.map { item ->
            if (item is JsonPrimitive && item.isString) item.content else throw wrongType(name, "an array of strings", element)
        }
    }

    fun optBoolean(name: String): Boolean? {
        val element = present(name) ?: return null
        if (element is JsonPrimitive && !element.isString) {
            when (element.content) {
                "true" -> return true
                "false" -> return false
            }
        }
        throw wrongType(name, "true or false", element)
    }

    fun optDouble(name: String): Double? {
        val element = present(name) ?: return null
        if (element is JsonPrimitive && !element.isString && isJsonNumber(element.content)) {
            element.content.toDoubleOrNull()?.takeIf { it.isFinite() }?.let { return it }
        }
        throw wrongType(name, "a number", element)
    }

    /**
     * An integer field. The reference types these as JSON numbers, so an integral number written as `1.0` or `1e2`
     * is accepted; `1.5`, or a value beyond 64 bits, is not.
     */
    fun optLong(name: String): Long? {
        val element = present(name) ?: return null
        if (element is JsonPrimitive && !element.isString && isJsonNumber(element.content)) {
            val text = element.content
            (text.toLongOrNull() ?: integralOrNull(text))?.let { return it }
        }
        throw wrongType(name, "an integer", element)
    }

    /**
     * [text] (a JSON number with a fraction or exponent) as a long if it is a whole number within 64 bits. The
     * magnitude is checked before any scaling, so a hostile `1e-999999999` costs nothing.
     */
    private fun integralOrNull(text: String): Long? {
        val number = try {
            BigDecimal(text)
        } catch (_: NumberFormatException) {
            return null
        }
        if (number.signum() == 0) return 0
        if (number.precision() - number.scale() > MAX_LONG_DIGITS || number.scale() > MAX_SCALE) return null
        return try {
            number.stripTrailingZeros().longValueExact() // throws for a fraction or a value out of range
        } catch (_: ArithmeticException) {
            null
        }
    }

    /** A nested model, read by [read] with this owner named in its messages. */
    fun <T> optModel(name: String, read: (JsonFields) -> T): T? = optObj(name)?.let { read(JsonFields(it, owner, "$path$name.")) }

    /** The fields not in [known], in their JSON order: what this SDK does not know yet, kept for the caller. */
    fun extras(known: Set<String>): JsonObject =
        if (json.keys.all { it in known }) EMPTY_JSON else JsonObject(json.filterKeys { it !in known })

    private fun present(name: String): JsonElement? = json[name]?.takeUnless { it is JsonNull }

    private fun missing(name: String) = SerializationException("$owner needs '$path$name'")

    private fun wrongType(name: String, expected: String, was: JsonElement) =
        SerializationException("$owner's '$path$name' must be $expected, was ${was.toString().take(MAX_SHOWN)}")

    private companion object {
        const val MAX_SHOWN = 64
        const val MAX_LONG_DIGITS = 19
        const val MAX_SCALE = 10_000
    }
}

/**
 * Whether [text] is a number as JSON writes one (`-?int frac? exp?`). kotlinx's tree parser keeps any unquoted
 * word as a literal (`NaN`, `1d`, `0x1p3`), which Kotlin's own number parsing would otherwise accept.
 */
internal fun isJsonNumber(text: String): Boolean {
    var i = 0
    fun digits(): Boolean {
        val start = i
        while (i < text.length && text[i] in '0'..'9') i++
        return i > start
    }
    if (i < text.length && text[i] == '-') i++
    if (i < text.length && text[i] == '0') i++ else if (!digits()) return false
    if (i < text.length && text[i] == '.') {
        i++
        if (!digits()) return false
    }
    if (i < text.length && (text[i] == 'e' || text[i] == 'E')) {
        i++
        if (i < text.length && (text[i] == '+' || text[i] == '-')) i++
        if (!digits()) return false
    }
    return i == text.length
}

/** The empty JSON object: no unknown fields. */
internal val EMPTY_JSON: JsonObject = JsonObject(emptyMap())

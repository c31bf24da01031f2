package dev.llamachat.testkit.internal

import dev.llamachat.internal.LlamaJson
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Checks a call's query and JSON body the way the service's FastAPI layer does, collecting every problem so
 * that one 422 names them all. A body that is not JSON at all is a 400 at once (docs/wire.md).
 */
internal class Validation(private val query: Map<String, List<String>>) {
    private val violations = ArrayList<Violation>()

    /** The project scope of the call: `project_id` normalised, or "" for the key's default project. */
    fun scope(): String {
        uuid("organization_id")
        return uuid("project_id") ?: ""
    }

    fun pageSize(): Int {
        val raw = query["page_size"]?.lastOrNull() ?: return DEFAULT_PAGE_SIZE
        val value = raw.trim().toIntOrNull()
        when {
            value == null -> violations += Violation(listOf("query", "page_size"),
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing")
            value < 1 -> violations += Violation(listOf("query", "page_size"),
                "Input should be greater than or equal to 1", "greater_than_equal")
            value > MAX_PAGE_SIZE -> violations += Violation(listOf("query", "page_size"),
                "Input should be less than or equal to $MAX_PAGE_SIZE", "less_than_equal")
        }
        return value ?: DEFAULT_PAGE_SIZE
    }

    /** The body as a JSON object; null if there is none and it is optional. */
    fun body(bytes: ByteArray, required: Boolean): JsonObject? {
        val text = String(bytes, Charsets.UTF_8)
        if (text.isBlank()) {
            if (required) violations += Violation(listOf("body"), "Field required", "missing")
            return null
        }
        val json = try {
            LlamaJson.parseToJsonElement(text)
        } catch (_: SerializationException) {
            throw HttpFailure.detail(400, "The request body is not valid JSON")
        } catch (_: IllegalArgumentException) {
            throw HttpFailure.detail(400, "The request body is not valid JSON")
        }
        if (json !is JsonObject) {
            violations += Violation(listOf("body"),
                "Input should be a valid dictionary or object to extract fields from", "model_attributes_type")
            return null
        }
        return json
    }

    /** A string field of [body]: required, [minLength]..[maxLength] characters (code points, as Python counts). */
    fun string(body: JsonObject?, field: String, minLength: Int = 0, maxLength: Int = Int.MAX_VALUE): String? {
        if (body == null) return null
        val loc = listOf("body", field)
        val value = body[field]
        if (value == null) {
            violations += Violation(loc, "Field required", "missing")
            return null
        }
        val text = (value as? JsonPrimitive)?.takeIf { it.isString }?.content
        if (text == null) {
            violations += Violation(loc, "Input should be a valid string", "string_type")
            return null
        }
        val length = text.codePointCount(0, text.length)
        when {
            length < minLength -> violations += Violation(loc,
                "String should have at least $minLength character${if (minLength == 1) "" else "s"}", "string_too_short")
            length > maxLength -> violations += Violation(loc,
                "String should have at most $maxLength characters", "string_too_long")
            else -> return text
        }
        return null
    }

    /** A list-of-strings field of [body]; when not [required], absent or null gives null. */
    fun stringList(body: JsonObject?, field: String, required: Boolean): List<String>? {
        if (body == null) return null
        val value: JsonElement? = body[field]
        if (value == null || value == JsonNull) {
            if (required) violations += Violation(listOf("body", field),
                if (value == null) "Field required" else "Input should be a valid list",
                if (value == null) "missing" else "list_type")
            return null
        }
        if (value !is JsonArray) {
            violations += Violation(listOf("body", field), "Input should be a valid list", "list_type")
            return null
        }
        val items = ArrayList<String>(value.size)
        value.forEachIndexed { i, item ->
            val text = (item as? JsonPrimitive)?.takeIf { it.isString }?.content
            if (text == null) violations += Violation(listOf("body", field, i), "Input should be a valid string", "string_type")
            else items += text
        }
        return items
    }

    /** Throws the 422 if anything failed. */
    fun check() {
        if (violations.isNotEmpty()) throw HttpFailure.validation(violations)
    }

    private fun uuid(name: String): String? {
        val raw = query[name]?.lastOrNull() ?: return null
        val canonical = canonicalUuid(raw.trim())
        if (canonical == null) {
            violations += Violation(listOf("query", name), "Input should be a valid UUID", "uuid_parsing")
        }
        return canonical
    }

    companion object {
        const val DEFAULT_PAGE_SIZE: Int = 20
        const val MAX_PAGE_SIZE: Int = 100
        const val MAX_PROMPT_LENGTH: Int = 1000

        private val HEX32 = Regex("[0-9a-fA-F]{32}")
        private val CANONICAL = Regex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

        /** A UUID in its canonical lower-case form, from the hyphenated or the 32-digit form; null if neither. */
        fun canonicalUuid(text: String): String? = when {
            CANONICAL.matches(text) -> text.lowercase()
            HEX32.matches(text) -> text.lowercase().let {
                "${it.substring(0, 8)}-${it.substring(8, 12)}-${it.substring(12, 16)}-${it.substring(16, 20)}-${it.substring(20)}"
            }
            else -> null
        }
    }
}

package dev.llamachat.internal

import dev.llamachat.InternalLlamaChatApi

/**
 * Checks of call arguments that can never succeed, made before any request (docs/wire.md's 422 rules), so a
 * caller's mistake fails at once with an [IllegalArgumentException] that names the argument.
 */
@InternalLlamaChatApi
public object Arguments {
    /** The service's limit on a turn's prompt, in characters. */
    public const val MAX_PROMPT_LENGTH: Int = 1000

    /** The range of `page_size` the service accepts. */
    public val PAGE_SIZE_RANGE: IntRange = 1..100

    public fun sessionId(sessionId: String): String {
        require(sessionId.isNotBlank()) { "sessionId must not be blank" }
        return sessionId
    }

    /** The service counts characters as code points (Python `len`): an emoji is one, not two UTF-16 units. */
    public fun prompt(prompt: String): String {
        require(prompt.isNotBlank()) { "prompt must not be blank" }
        if (prompt.length > MAX_PROMPT_LENGTH) {
            val characters = prompt.codePointCount(0, prompt.length)
            require(characters <= MAX_PROMPT_LENGTH) {
                "prompt is $characters characters; the service accepts at most $MAX_PROMPT_LENGTH"
            }
        }
        return prompt
    }

    public fun firstMessage(firstMessage: String): String {
        require(firstMessage.isNotBlank()) { "firstMessage must not be blank" }
        return firstMessage
    }

    public fun indexIds(indexIds: List<String>?): List<String>? {
        indexIds?.forEachIndexed { i, id -> require(id.isNotBlank()) { "indexIds[$i] must not be blank" } }
        return indexIds
    }

    public fun pageSize(pageSize: Int?): Int? {
        require(pageSize == null || pageSize in PAGE_SIZE_RANGE) {
            "pageSize must be in $PAGE_SIZE_RANGE, was $pageSize"
        }
        return pageSize
    }

    public fun pageToken(pageToken: String?): String? {
        require(pageToken == null || pageToken.isNotEmpty()) { "pageToken must not be empty; pass null for the first page" }
        return pageToken
    }

    /**
     * `organization_id` and `project_id` are UUIDs in their canonical 8-4-4-4-12 hex form. (`java.util.UUID.fromString`
     * is too lenient to check this: it takes `+2345678-...` and `123456789-1234-...` and silently changes them.)
     */
    public fun uuid(name: String, value: String?): String? {
        require(value == null || UUID_FORMAT.matches(value)) { "$name must be a UUID, was '$value'" }
        return value
    }

    private val UUID_FORMAT = Regex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
}

package dev.llamachat.java

import dev.llamachat.internal.Arguments
import dev.llamachat.java.internal.copyIds
import dev.llamachat.java.internal.required
import dev.llamachat.java.internal.validate
import java.util.Objects
import java.util.Optional

/**
 * Parameters of one chat turn (`stream`, `ask`, `streamBlocking`): the prompt, the indexes to retrieve from, and
 * the organization and project. Immutable.
 *
 * ```java
 * StreamParams params = StreamParams.builder()
 *     .prompt("What were the main findings in Q3?")
 *     .addIndexId("idx-demo")
 *     .build();
 * ```
 */
public class StreamParams private constructor(
    private val prompt: String,
    private val indexIds: List<String>,
    private val organizationId: String?,
    private val projectId: String?,
) {
    /** The user's message, 1 to 1,000 characters. */
    public fun prompt(): String = prompt

    /** The indexes to retrieve from; once the session is bound they must equal its set (order ignored). */
    public fun indexIds(): List<String> = indexIds

    /** The organization id (a UUID), or empty for the client's default. */
    public fun organizationId(): Optional<String> = Optional.ofNullable(organizationId)

    /** The project id (a UUID), or empty for the client's default. */
    public fun projectId(): Optional<String> = Optional.ofNullable(projectId)

    /** A builder holding these values, to derive a changed copy (the next prompt of a conversation). */
    public fun toBuilder(): Builder =
        Builder().prompt(prompt).indexIds(indexIds).organizationId(organizationId).projectId(projectId)

    override fun equals(other: Any?): Boolean = other is StreamParams && prompt == other.prompt &&
        indexIds == other.indexIds && organizationId == other.organizationId && projectId == other.projectId

    override fun hashCode(): Int = Objects.hash(prompt, indexIds, organizationId, projectId)

    override fun toString(): String =
        "StreamParams{prompt=$prompt, indexIds=$indexIds, organizationId=$organizationId, projectId=$projectId}"

    /** Builds [StreamParams]; get one from [StreamParams.builder]. Not thread-safe. */
    public class Builder internal constructor() {
        private var prompt: String? = null
        private val indexIds = ArrayList<String>()
        private var organizationId: String? = null
        private var projectId: String? = null

        /** The user's message (required), 1 to 1,000 characters. */
        public fun prompt(prompt: String): Builder = apply { this.prompt = prompt }

        /** Adds an index to retrieve from. */
        public fun addIndexId(indexId: String): Builder = apply { indexIds += indexId }

        /** Replaces the indexes to retrieve from. */
        public fun indexIds(indexIds: List<String>): Builder = apply {
            this.indexIds.clear()
            this.indexIds += indexIds
        }

        /** The organization id, a UUID; null means the client's default. */
        public fun organizationId(organizationId: String?): Builder = apply { this.organizationId = organizationId }

        /** The project id, a UUID; null means the client's default. */
        public fun projectId(projectId: String?): Builder = apply { this.projectId = projectId }

        /**
         * The parameters.
         * @throws IllegalArgumentException if the prompt is missing, blank or over 1,000 characters, an index id is
         *   blank, or an organization or project id is not a UUID.
         */
        public fun build(): StreamParams = validate("StreamParams") {
            StreamParams(
                Arguments.prompt(required("prompt", prompt)),
                Arguments.indexIds(copyIds("indexIds", indexIds))!!,
                Arguments.uuid("organizationId", organizationId),
                Arguments.uuid("projectId", projectId),
            )
        }
    }

    // Private, so Java sees a static builder() and no public Companion field.
    private companion object {
        /** A builder with no prompt and no indexes yet. */
        @JvmStatic
        fun builder(): Builder = Builder()
    }
}

package dev.llamachat.java

import dev.llamachat.internal.Arguments
import dev.llamachat.java.internal.required
import dev.llamachat.java.internal.validate
import java.util.Objects
import java.util.Optional

/**
 * Parameters of `generateTitle`: the message to derive the title from, and the organization and project.
 * Immutable.
 *
 * ```java
 * SessionSummary s = chat.generateTitle(id, TitleParams.builder().firstMessage("Quarterly results").build()).join();
 * ```
 */
public class TitleParams private constructor(
    private val firstMessage: String,
    private val organizationId: String?,
    private val projectId: String?,
) {
    /** The message the title is derived from (at most 60 characters of it, cut at a word boundary). */
    public fun firstMessage(): String = firstMessage

    /** The organization id (a UUID), or empty for the client's default. */
    public fun organizationId(): Optional<String> = Optional.ofNullable(organizationId)

    /** The project id (a UUID), or empty for the client's default. */
    public fun projectId(): Optional<String> = Optional.ofNullable(projectId)

    /** A builder holding these values, to derive a changed copy. */
    public fun toBuilder(): Builder =
        Builder().firstMessage(firstMessage).organizationId(organizationId).projectId(projectId)

    override fun equals(other: Any?): Boolean = other is TitleParams && firstMessage == other.firstMessage &&
        organizationId == other.organizationId && projectId == other.projectId

    override fun hashCode(): Int = Objects.hash(firstMessage, organizationId, projectId)

    override fun toString(): String =
        "TitleParams{firstMessage=$firstMessage, organizationId=$organizationId, projectId=$projectId}"

    /** Builds [TitleParams]; get one from [TitleParams.builder]. Not thread-safe. */
    public class Builder internal constructor() {
        private var firstMessage: String? = null
        private var organizationId: String? = null
        private var projectId: String? = null

        /** The message to derive the title from (required, not blank). */
        public fun firstMessage(firstMessage: String): Builder = apply { this.firstMessage = firstMessage }

        /** The organization id, a UUID; null means the client's default. */
        public fun organizationId(organizationId: String?): Builder = apply { this.organizationId = organizationId }

        /** The project id, a UUID; null means the client's default. */
        public fun projectId(projectId: String?): Builder = apply { this.projectId = projectId }

        /**
         * The parameters.
         * @throws IllegalArgumentException if the first message is missing or blank, or an id is not a UUID.
         */
        public fun build(): TitleParams = validate("TitleParams") {
            TitleParams(
                Arguments.firstMessage(required("firstMessage", firstMessage)),
                Arguments.uuid("organizationId", organizationId),
                Arguments.uuid("projectId", projectId),
            )
        }
    }

    // Private, so Java sees a static builder() and no public Companion field.
    private companion object {
        /** A builder with no message yet. */
        @JvmStatic
        fun builder(): Builder = Builder()
    }
}

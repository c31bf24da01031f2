package dev.llamachat.java

import dev.llamachat.internal.Arguments
import dev.llamachat.java.internal.copyIds
import dev.llamachat.java.internal.validate
import java.util.Objects
import java.util.Optional

/**
 * Parameters of `create` and `startSession`: the indexes to bind the new session to (none leaves it unbound
 * until its first turn), and the organization and project. Immutable.
 *
 * ```java
 * SessionSummary s = chat.create(CreateSessionParams.builder().addIndexId("idx-demo").build()).join();
 * ```
 */
public class CreateSessionParams private constructor(
    private val indexIds: List<String>?,
    private val organizationId: String?,
    private val projectId: String?,
) {
    /** The indexes the session is bound to, or empty to create it unbound. */
    public fun indexIds(): Optional<List<String>> = Optional.ofNullable(indexIds)

    /** The organization id (a UUID), or empty for the client's default. */
    public fun organizationId(): Optional<String> = Optional.ofNullable(organizationId)

    /** The project id (a UUID), or empty for the client's default. */
    public fun projectId(): Optional<String> = Optional.ofNullable(projectId)

    /** A builder holding these values, to derive a changed copy. */
    public fun toBuilder(): Builder =
        Builder().indexIds(indexIds).organizationId(organizationId).projectId(projectId)

    override fun equals(other: Any?): Boolean = other is CreateSessionParams && indexIds == other.indexIds &&
        organizationId == other.organizationId && projectId == other.projectId

    override fun hashCode(): Int = Objects.hash(indexIds, organizationId, projectId)

    override fun toString(): String =
        "CreateSessionParams{indexIds=$indexIds, organizationId=$organizationId, projectId=$projectId}"

    /** Builds [CreateSessionParams]; get one from [CreateSessionParams.builder]. Not thread-safe. */
    public class Builder internal constructor() {
        private var indexIds: MutableList<String>? = null
        private var organizationId: String? = null
        private var projectId: String? = null

        /** Adds an index to bind the session to. */
        public fun addIndexId(indexId: String): Builder = apply {
            (indexIds ?: ArrayList<String>().also { indexIds = it }).add(indexId)
        }

        /** Replaces the indexes to bind the session to; null creates it unbound. */
        public fun indexIds(indexIds: List<String>?): Builder = apply { this.indexIds = indexIds?.toMutableList() }

        /** The organization id, a UUID; null means the client's default. */
        public fun organizationId(organizationId: String?): Builder = apply { this.organizationId = organizationId }

        /** The project id, a UUID; null means the client's default. */
        public fun projectId(projectId: String?): Builder = apply { this.projectId = projectId }

        /**
         * The parameters.
         * @throws IllegalArgumentException if an index id is blank or an organization or project id is not a UUID.
         */
        public fun build(): CreateSessionParams = validate("CreateSessionParams") {
            CreateSessionParams(
                Arguments.indexIds(indexIds?.let { copyIds("indexIds", it) }),
                Arguments.uuid("organizationId", organizationId),
                Arguments.uuid("projectId", projectId),
            )
        }
    }

    // Private, so Java sees a static builder() and no public Companion field.
    private companion object {
        /** A builder for an unbound session under the client's default project. */
        @JvmStatic
        fun builder(): Builder = Builder()
    }
}

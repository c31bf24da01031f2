package dev.llamachat.java

import dev.llamachat.internal.Arguments
import dev.llamachat.java.internal.validate
import java.util.Objects
import java.util.Optional

/**
 * The organization and project a call runs under, for the calls whose only other argument is a session id
 * (`retrieve`, `summary`, `delete`, `session`). An absent value means the client's default. Immutable.
 *
 * ```java
 * RequestScope scope = RequestScope.builder().projectId("8c0a5d2e-2f9c-4a8e-9d51-0d6f4b1e6c3a").build();
 * Session session = chat.retrieve(sessionId, scope).join();
 * ```
 */
public class RequestScope private constructor(
    private val organizationId: String?,
    private val projectId: String?,
) {
    /** The organization id (a UUID), or empty for the client's default. */
    public fun organizationId(): Optional<String> = Optional.ofNullable(organizationId)

    /** The project id (a UUID), or empty for the client's default. */
    public fun projectId(): Optional<String> = Optional.ofNullable(projectId)

    /** A builder holding this scope's values, to derive a changed copy. */
    public fun toBuilder(): Builder = Builder().organizationId(organizationId).projectId(projectId)

    override fun equals(other: Any?): Boolean =
        other is RequestScope && organizationId == other.organizationId && projectId == other.projectId

    override fun hashCode(): Int = Objects.hash(organizationId, projectId)

    override fun toString(): String = "RequestScope{organizationId=$organizationId, projectId=$projectId}"

    /** Builds a [RequestScope]; get one from [RequestScope.builder]. Not thread-safe. */
    public class Builder internal constructor() {
        private var organizationId: String? = null
        private var projectId: String? = null

        /** The organization id, a UUID; null means the client's default. */
        public fun organizationId(organizationId: String?): Builder = apply { this.organizationId = organizationId }

        /** The project id, a UUID; null means the client's default. */
        public fun projectId(projectId: String?): Builder = apply { this.projectId = projectId }

        /**
         * The scope.
         * @throws IllegalArgumentException if an id is not a UUID.
         */
        public fun build(): RequestScope = validate("RequestScope") {
            RequestScope(Arguments.uuid("organizationId", organizationId), Arguments.uuid("projectId", projectId))
        }
    }

    // Private, so Java sees a static builder() and no public Companion field.
    private companion object {
        /** A builder with neither id set. */
        @JvmStatic
        fun builder(): Builder = Builder()
    }
}

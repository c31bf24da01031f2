package dev.llamachat.java

import dev.llamachat.internal.Arguments
import dev.llamachat.java.internal.validate
import java.util.Objects
import java.util.Optional
import java.util.OptionalInt

/**
 * Parameters of the session listing: `listPage`, `listAll` and `listPublisher`. Every value is optional.
 * Immutable.
 *
 * ```java
 * Page<SessionSummary> page = chat.listPage(ListParams.builder().pageSize(50).build()).join();
 * ListParams next = ListParams.builder().pageToken(page.nextPageToken().orElseThrow()).build();
 * ```
 */
public class ListParams private constructor(
    private val pageSize: Int?,
    private val pageToken: String?,
    private val organizationId: String?,
    private val projectId: String?,
) {
    /** Sessions per page (1..100), or empty for the service's default (20). */
    public fun pageSize(): OptionalInt = if (pageSize == null) OptionalInt.empty() else OptionalInt.of(pageSize)

    /**
     * Where to start: a previous page's `nextPageToken`, or empty for the first page. `listAll` and
     * `listPublisher` start there too and go on to the last page.
     */
    public fun pageToken(): Optional<String> = Optional.ofNullable(pageToken)

    /** The organization id (a UUID), or empty for the client's default. */
    public fun organizationId(): Optional<String> = Optional.ofNullable(organizationId)

    /** The project id (a UUID), or empty for the client's default. */
    public fun projectId(): Optional<String> = Optional.ofNullable(projectId)

    /** A builder holding these values, to derive a changed copy (for example the next page's token). */
    public fun toBuilder(): Builder =
        Builder().pageSize(pageSize).pageToken(pageToken).organizationId(organizationId).projectId(projectId)

    override fun equals(other: Any?): Boolean = other is ListParams && pageSize == other.pageSize &&
        pageToken == other.pageToken && organizationId == other.organizationId && projectId == other.projectId

    override fun hashCode(): Int = Objects.hash(pageSize, pageToken, organizationId, projectId)

    override fun toString(): String =
        "ListParams{pageSize=$pageSize, pageToken=$pageToken, organizationId=$organizationId, projectId=$projectId}"

    /** Builds [ListParams]; get one from [ListParams.builder]. Not thread-safe. */
    public class Builder internal constructor() {
        private var pageSize: Int? = null
        private var pageToken: String? = null
        private var organizationId: String? = null
        private var projectId: String? = null

        /** Sessions per page, 1..100; null means the service's default. */
        public fun pageSize(pageSize: Int?): Builder = apply { this.pageSize = pageSize }

        /** A previous page's `nextPageToken`; null starts at the first page. */
        public fun pageToken(pageToken: String?): Builder = apply { this.pageToken = pageToken }

        /** The organization id, a UUID; null means the client's default. */
        public fun organizationId(organizationId: String?): Builder = apply { this.organizationId = organizationId }

        /** The project id, a UUID; null means the client's default. */
        public fun projectId(projectId: String?): Builder = apply { this.projectId = projectId }

        /**
         * The parameters.
         * @throws IllegalArgumentException if the page size is outside 1..100, the token is empty, or an id is
         *   not a UUID.
         */
        public fun build(): ListParams = validate("ListParams") {
            ListParams(
                Arguments.pageSize(pageSize),
                Arguments.pageToken(pageToken),
                Arguments.uuid("organizationId", organizationId),
                Arguments.uuid("projectId", projectId),
            )
        }
    }

    // Private, so Java sees a static builder() and no public Companion field.
    private companion object {
        /** A builder with every value unset. */
        @JvmStatic
        fun builder(): Builder = Builder()
    }
}

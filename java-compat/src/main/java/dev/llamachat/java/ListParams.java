package dev.llamachat.java;

import dev.llamachat.internal.Arguments;
import dev.llamachat.java.internal.ValidationKt;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parameters of the session listing: {@code listPage}, {@code listAll} and {@code listPublisher}. Every value is
 * optional. Immutable.
 *
 * <pre>{@code
 * Page<SessionSummary> page = chat.listPage(ListParams.builder().pageSize(50).build());
 * ListParams next = ListParams.builder().pageToken(page.nextPageToken().orElseThrow()).build();
 * }</pre>
 */
public final class ListParams {
    private final Integer pageSize;
    private final String pageToken;
    private final String organizationId;
    private final String projectId;

    private ListParams(Integer pageSize, String pageToken, String organizationId, String projectId) {
        this.pageSize = pageSize;
        this.pageToken = pageToken;
        this.organizationId = organizationId;
        this.projectId = projectId;
    }

    /** A builder with every value unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sessions per page (1..100), or empty for the service's default (20). */
    public OptionalInt pageSize() {
        return pageSize == null ? OptionalInt.empty() : OptionalInt.of(pageSize);
    }

    /**
     * Where to start: a previous page's {@code nextPageToken}, or empty for the first page. {@code listAll} and
     * {@code listPublisher} start there too and go on to the last page.
     */
    public Optional<String> pageToken() {
        return Optional.ofNullable(pageToken);
    }

    /** The organization id (a UUID), or empty for the client's default. */
    public Optional<String> organizationId() {
        return Optional.ofNullable(organizationId);
    }

    /** The project id (a UUID), or empty for the client's default. */
    public Optional<String> projectId() {
        return Optional.ofNullable(projectId);
    }

    /** A builder holding these values, to derive a changed copy (for example the next page's token). */
    public Builder toBuilder() {
        return new Builder().pageSize(pageSize).pageToken(pageToken).organizationId(organizationId).projectId(projectId);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ListParams)) return false;
        ListParams that = (ListParams) other;
        return Objects.equals(pageSize, that.pageSize) && Objects.equals(pageToken, that.pageToken)
            && Objects.equals(organizationId, that.organizationId) && Objects.equals(projectId, that.projectId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pageSize, pageToken, organizationId, projectId);
    }

    @Override
    public String toString() {
        return "ListParams{pageSize=" + pageSize + ", pageToken=" + pageToken + ", organizationId=" + organizationId
            + ", projectId=" + projectId + "}";
    }

    /** Builds {@link ListParams}; get one from {@link ListParams#builder()}. Not thread-safe. */
    public static final class Builder {
        private Integer pageSize;
        private String pageToken;
        private String organizationId;
        private String projectId;

        private Builder() {
        }

        /** Sessions per page, 1..100; null means the service's default. */
        public Builder pageSize(Integer pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** A previous page's {@code nextPageToken}; null starts at the first page. */
        public Builder pageToken(String pageToken) {
            this.pageToken = pageToken;
            return this;
        }

        /** The organization id, a UUID; null means the client's default. */
        public Builder organizationId(String organizationId) {
            this.organizationId = organizationId;
            return this;
        }

        /** The project id, a UUID; null means the client's default. */
        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        /**
         * The parameters.
         *
         * @throws IllegalArgumentException if the page size is outside 1..100, the token is empty, or an id is not
         *     a UUID
         */
        public ListParams build() {
            return ValidationKt.validate("ListParams", () -> new ListParams(
                Arguments.INSTANCE.pageSize(pageSize),
                Arguments.INSTANCE.pageToken(pageToken),
                Arguments.INSTANCE.uuid("organizationId", organizationId),
                Arguments.INSTANCE.uuid("projectId", projectId)));
        }
    }
}

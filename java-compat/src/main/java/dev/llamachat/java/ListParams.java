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
    private final Scope scope;

    /** Every value unset: what {@code listPage()} and {@code listAll()} use. */
    static final ListParams NONE = builder().build();

    private ListParams(Integer pageSize, String pageToken, Scope scope) {
        this.pageSize = pageSize;
        this.pageToken = pageToken;
        this.scope = scope;
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
        return scope.organizationId();
    }

    /** The project id (a UUID), or empty for the client's default. */
    public Optional<String> projectId() {
        return scope.projectId();
    }

    /** A builder holding these values, to derive a changed copy (for example the next page's token). */
    public Builder toBuilder() {
        return new Builder().pageSize(pageSize).pageToken(pageToken).organizationId(organizationId().orElse(null))
            .projectId(projectId().orElse(null));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ListParams)) return false;
        ListParams that = (ListParams) other;
        return Objects.equals(pageSize, that.pageSize) && Objects.equals(pageToken, that.pageToken) && scope.equals(that.scope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pageSize, pageToken, scope);
    }

    @Override
    public String toString() {
        return "ListParams{pageSize=" + pageSize + ", pageToken=" + pageToken + ", " + scope + "}";
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
                Scope.of(organizationId, projectId)));
        }
    }
}

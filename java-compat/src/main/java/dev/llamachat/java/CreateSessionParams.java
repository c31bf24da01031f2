package dev.llamachat.java;

import dev.llamachat.internal.Arguments;
import dev.llamachat.java.internal.ValidationKt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Parameters of {@code create} and {@code startSession}: the indexes to bind the new session to (none leaves it
 * unbound until its first turn), and the organization and project. Immutable.
 *
 * <pre>{@code
 * SessionSummary s = chat.create(CreateSessionParams.builder().addIndexId("idx-demo").build());
 * }</pre>
 */
public final class CreateSessionParams {
    private final List<String> indexIds;
    private final Scope scope;

    /** Every value unset: what {@code create()} and {@code startSession()} use. */
    static final CreateSessionParams NONE = builder().build();

    private CreateSessionParams(List<String> indexIds, Scope scope) {
        this.indexIds = indexIds;
        this.scope = scope;
    }

    /** A builder for an unbound session under the client's default project. */
    public static Builder builder() {
        return new Builder();
    }

    /** The indexes the session is bound to, or empty to create it unbound. */
    public Optional<List<String>> indexIds() {
        return Optional.ofNullable(indexIds);
    }

    /** The organization id (a UUID), or empty for the client's default. */
    public Optional<String> organizationId() {
        return scope.organizationId();
    }

    /** The project id (a UUID), or empty for the client's default. */
    public Optional<String> projectId() {
        return scope.projectId();
    }

    /** A builder holding these values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().indexIds(indexIds).organizationId(organizationId().orElse(null)).projectId(projectId().orElse(null));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CreateSessionParams)) return false;
        CreateSessionParams that = (CreateSessionParams) other;
        return Objects.equals(indexIds, that.indexIds) && scope.equals(that.scope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(indexIds, scope);
    }

    @Override
    public String toString() {
        return "CreateSessionParams{indexIds=" + indexIds + ", " + scope + "}";
    }

    /** Builds {@link CreateSessionParams}; get one from {@link CreateSessionParams#builder()}. Not thread-safe. */
    public static final class Builder {
        private List<String> indexIds;
        private String organizationId;
        private String projectId;

        private Builder() {
        }

        /** Adds an index to bind the session to. */
        public Builder addIndexId(String indexId) {
            if (indexIds == null) indexIds = new ArrayList<>();
            indexIds.add(indexId);
            return this;
        }

        /** Replaces the indexes to bind the session to; null creates it unbound. */
        public Builder indexIds(List<String> indexIds) {
            this.indexIds = indexIds == null ? null : new ArrayList<>(indexIds);
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
         * @throws IllegalArgumentException if an index id is blank or an organization or project id is not a UUID
         */
        public CreateSessionParams build() {
            return ValidationKt.validate("CreateSessionParams", () -> new CreateSessionParams(
                Arguments.INSTANCE.indexIds(indexIds == null ? null : ValidationKt.copyIds("indexIds", indexIds)),
                Scope.of(organizationId, projectId)));
        }
    }
}

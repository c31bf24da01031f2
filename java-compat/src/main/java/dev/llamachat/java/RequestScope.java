package dev.llamachat.java;

import dev.llamachat.java.internal.ValidationKt;
import java.util.Optional;

/**
 * The organization and project a call runs under, for the calls whose only other argument is a session id
 * ({@code retrieve}, {@code summary}, {@code delete}, {@code session}). An absent value means the client's default.
 * Immutable.
 *
 * <pre>{@code
 * RequestScope scope = RequestScope.builder().projectId("8c0a5d2e-2f9c-4a8e-9d51-0d6f4b1e6c3a").build();
 * Session session = chat.retrieve(sessionId, scope);
 * }</pre>
 */
// Written in Java, as are the other parameter classes: Kotlin would give Java a public synthetic constructor
// (with a DefaultConstructorMarker) for the builder to reach the private one.
public final class RequestScope {
    /** Neither id set: what the overloads without a scope use. */
    static final RequestScope NONE = new RequestScope(Scope.NONE);

    private final Scope scope;

    private RequestScope(Scope scope) {
        this.scope = scope;
    }

    /** A builder with neither id set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The organization id (a UUID), or empty for the client's default. */
    public Optional<String> organizationId() {
        return scope.organizationId();
    }

    /** The project id (a UUID), or empty for the client's default. */
    public Optional<String> projectId() {
        return scope.projectId();
    }

    /** A builder holding this scope's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().organizationId(organizationId().orElse(null)).projectId(projectId().orElse(null));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestScope && scope.equals(((RequestScope) other).scope);
    }

    @Override
    public int hashCode() {
        return scope.hashCode();
    }

    @Override
    public String toString() {
        return "RequestScope{" + scope + "}";
    }

    /** Builds a {@link RequestScope}; get one from {@link RequestScope#builder()}. Not thread-safe. */
    public static final class Builder {
        private String organizationId;
        private String projectId;

        private Builder() {
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
         * The scope.
         *
         * @throws IllegalArgumentException if an id is not a UUID
         */
        public RequestScope build() {
            return ValidationKt.validate("RequestScope", () -> new RequestScope(Scope.of(organizationId, projectId)));
        }
    }
}

package dev.llamachat.java;

import dev.llamachat.internal.Arguments;
import dev.llamachat.java.internal.ValidationKt;
import java.util.Objects;
import java.util.Optional;

/**
 * Parameters of {@code generateTitle}: the message to derive the title from, and the organization and project.
 * Immutable.
 *
 * <pre>{@code
 * SessionSummary s = chat.generateTitle(id, TitleParams.builder().firstMessage("Quarterly results").build());
 * }</pre>
 */
public final class TitleParams {
    private final String firstMessage;
    private final Scope scope;

    private TitleParams(String firstMessage, Scope scope) {
        this.firstMessage = firstMessage;
        this.scope = scope;
    }

    /** A builder with no message yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** The message the title is derived from (at most 60 characters of it, cut at a word boundary). */
    public String firstMessage() {
        return firstMessage;
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
        return new Builder().firstMessage(firstMessage).organizationId(organizationId().orElse(null))
            .projectId(projectId().orElse(null));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TitleParams)) return false;
        TitleParams that = (TitleParams) other;
        return firstMessage.equals(that.firstMessage) && scope.equals(that.scope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstMessage, scope);
    }

    @Override
    public String toString() {
        return "TitleParams{firstMessage=" + firstMessage + ", " + scope + "}";
    }

    /** Builds {@link TitleParams}; get one from {@link TitleParams#builder()}. Not thread-safe. */
    public static final class Builder {
        private String firstMessage;
        private String organizationId;
        private String projectId;

        private Builder() {
        }

        /** The message to derive the title from (required, not blank). */
        public Builder firstMessage(String firstMessage) {
            this.firstMessage = firstMessage;
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
         * @throws IllegalArgumentException if the first message is missing or blank, or an id is not a UUID
         */
        public TitleParams build() {
            return ValidationKt.validate("TitleParams", () -> new TitleParams(
                Arguments.INSTANCE.firstMessage(ValidationKt.required("firstMessage", firstMessage)),
                Scope.of(organizationId, projectId)));
        }
    }
}

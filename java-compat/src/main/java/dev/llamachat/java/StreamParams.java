package dev.llamachat.java;

import dev.llamachat.internal.Arguments;
import dev.llamachat.java.internal.ValidationKt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Parameters of one chat turn ({@code stream}, {@code ask}): the prompt, the indexes to retrieve from, and the
 * organization and project. Immutable.
 *
 * <pre>{@code
 * StreamParams params = StreamParams.builder()
 *     .prompt("What were the main findings in Q3?")
 *     .addIndexId("idx-demo")
 *     .build();
 * }</pre>
 */
public final class StreamParams {
    private final String prompt;
    private final List<String> indexIds;
    private final Scope scope;

    private StreamParams(String prompt, List<String> indexIds, Scope scope) {
        this.prompt = prompt;
        this.indexIds = indexIds;
        this.scope = scope;
    }

    /** A builder with no prompt and no indexes yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** The user's message, 1 to 1,000 characters. */
    public String prompt() {
        return prompt;
    }

    /** The indexes to retrieve from; once the session is bound they must equal its set (order ignored). */
    public List<String> indexIds() {
        return indexIds;
    }

    /** The organization id (a UUID), or empty for the client's default. */
    public Optional<String> organizationId() {
        return scope.organizationId();
    }

    /** The project id (a UUID), or empty for the client's default. */
    public Optional<String> projectId() {
        return scope.projectId();
    }

    /** A builder holding these values, to derive a changed copy (the next prompt of a conversation). */
    public Builder toBuilder() {
        return new Builder().prompt(prompt).indexIds(indexIds).organizationId(organizationId().orElse(null))
            .projectId(projectId().orElse(null));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof StreamParams)) return false;
        StreamParams that = (StreamParams) other;
        return prompt.equals(that.prompt) && indexIds.equals(that.indexIds) && scope.equals(that.scope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prompt, indexIds, scope);
    }

    @Override
    public String toString() {
        return "StreamParams{prompt=" + prompt + ", indexIds=" + indexIds + ", " + scope + "}";
    }

    /** Builds {@link StreamParams}; get one from {@link StreamParams#builder()}. Not thread-safe. */
    public static final class Builder {
        private String prompt;
        private final List<String> indexIds = new ArrayList<>();
        private String organizationId;
        private String projectId;

        private Builder() {
        }

        /** The user's message (required), 1 to 1,000 characters. */
        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        /** Adds an index to retrieve from. */
        public Builder addIndexId(String indexId) {
            indexIds.add(indexId);
            return this;
        }

        /** Replaces the indexes to retrieve from. */
        public Builder indexIds(List<String> indexIds) {
            List<String> copy = new ArrayList<>(indexIds);
            this.indexIds.clear();
            this.indexIds.addAll(copy);
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
         * @throws IllegalArgumentException if the prompt is missing, blank or over 1,000 characters, an index id is
         *     blank, or an organization or project id is not a UUID
         */
        public StreamParams build() {
            return ValidationKt.validate("StreamParams", () -> new StreamParams(
                Arguments.INSTANCE.prompt(ValidationKt.required("prompt", prompt)),
                Arguments.INSTANCE.indexIds(ValidationKt.copyIds("indexIds", indexIds)),
                Scope.of(organizationId, projectId)));
        }
    }
}

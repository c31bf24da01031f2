package dev.llamachat.java;

import dev.llamachat.internal.Arguments;
import java.util.Objects;
import java.util.Optional;

/**
 * The organization and project that every parameter object carries: checked, compared and shown in one place. Not
 * API: each parameter class keeps its own public accessors and builder setters (so that javap and the Javadoc show
 * them on the class itself) and holds one of these.
 */
final class Scope {
    /** Neither id set: the client's defaults. */
    static final Scope NONE = new Scope(null, null);

    private final String organizationId;
    private final String projectId;

    private Scope(String organizationId, String projectId) {
        this.organizationId = organizationId;
        this.projectId = projectId;
    }

    /**
     * The scope of these ids, each null for the client's default.
     *
     * @throws IllegalArgumentException if an id is not a UUID (the caller's {@code validate} names its class)
     */
    static Scope of(String organizationId, String projectId) {
        if (organizationId == null && projectId == null) return NONE;
        return new Scope(Arguments.INSTANCE.uuid("organizationId", organizationId), Arguments.INSTANCE.uuid("projectId", projectId));
    }

    Optional<String> organizationId() {
        return Optional.ofNullable(organizationId);
    }

    Optional<String> projectId() {
        return Optional.ofNullable(projectId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scope && Objects.equals(organizationId, ((Scope) other).organizationId)
            && Objects.equals(projectId, ((Scope) other).projectId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(organizationId, projectId);
    }

    /** The two fields as the parameter classes' {@code toString} ends. */
    @Override
    public String toString() {
        return "organizationId=" + organizationId + ", projectId=" + projectId;
    }
}

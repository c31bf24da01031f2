package dev.llamachat.testkit;

/**
 * The seven Chat API endpoints, to aim a {@link ScriptedResponse} at (see {@link LocalLlamaCloud#enqueue}) and to
 * tag {@link RecordedRequest}s. A Java enum, so that Java sees a plain one (a Kotlin enum adds
 * {@code getEntries()}, which returns a Kotlin type); Kotlin's {@code Endpoint.entries} works on it all the same.
 */
public enum Endpoint {
    /** {@code GET /api/v1/chat}. */
    LIST,

    /** {@code POST /api/v1/chat}. */
    CREATE,

    /** {@code GET /api/v1/chat/{session_id}}. */
    RETRIEVE,

    /** {@code DELETE /api/v1/chat/{session_id}}. */
    DELETE,

    /** {@code GET /api/v1/chat/{session_id}/summary}. */
    SUMMARY,

    /** {@code POST /api/v1/chat/{session_id}/title}. */
    TITLE,

    /** {@code POST /api/v1/chat/{session_id}/messages/stream}. */
    STREAM,

    /** Any of the above (for scripted responses only; a request is never tagged with it). */
    ANY,
}

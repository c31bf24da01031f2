package dev.llamachat.testkit

/** The seven Chat API endpoints, to aim a [Fault] at (see [LocalLlamaCloud.enqueue]) and to tag [RecordedRequest]s. */
public enum class Endpoint {
    /** `GET /api/v1/chat`. */
    LIST,

    /** `POST /api/v1/chat`. */
    CREATE,

    /** `GET /api/v1/chat/{session_id}`. */
    RETRIEVE,

    /** `DELETE /api/v1/chat/{session_id}`. */
    DELETE,

    /** `GET /api/v1/chat/{session_id}/summary`. */
    SUMMARY,

    /** `POST /api/v1/chat/{session_id}/title`. */
    TITLE,

    /** `POST /api/v1/chat/{session_id}/messages/stream`. */
    STREAM,

    /** Any of the above (for faults only; a request is never tagged with it). */
    ANY,
    ;

    /** Whether a fault aimed at this endpoint applies to a call of [endpoint]. */
    internal fun matches(endpoint: Endpoint): Boolean = this == ANY || this == endpoint
}

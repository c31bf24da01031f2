package dev.llamachat

import dev.llamachat.internal.Timestamps
import java.time.Instant
import java.util.Optional
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * Summary of a chat session: its id, title, bound indexes and last run. `list`, `create`, `summary` and
 * `generateTitle` all return this shape.
 *
 * @property sessionId unique session identifier.
 * @property lastUpdatedAt when the session was last updated, exactly as the server sent it
 *   (ISO-8601, UTC, usually without an offset); see [lastUpdated] for the parsed form.
 * @property generatedTitle title derived from the first user message, or null before there is one.
 * @property indexIds indexes the session is bound to, or null while it is unbound.
 * @property jobMetadata usage and status of the most recent run, or null before the first run.
 */
@Serializable
public data class SessionSummary(
    @SerialName("session_id") val sessionId: String,
    @SerialName("last_updated_at") val lastUpdatedAt: String,
    @SerialName("generated_title") val generatedTitle: String? = null,
    @SerialName("index_ids") val indexIds: List<String>? = null,
    @SerialName("job_metadata") val jobMetadata: JobMetadata? = null,
) {
    /** [lastUpdatedAt] parsed as an instant (a timestamp without an offset means UTC), or null if unparseable. */
    val lastUpdated: Instant? get() = Timestamps.parseOrNull(lastUpdatedAt)

    /** [lastUpdated] for Java callers. */
    public fun lastUpdated(): Optional<Instant> = Optional.ofNullable(lastUpdated)

    /** [generatedTitle] for Java callers. */
    public fun generatedTitle(): Optional<String> = Optional.ofNullable(generatedTitle)

    /** [indexIds] for Java callers. */
    public fun indexIds(): Optional<List<String>> = Optional.ofNullable(indexIds)

    /** [jobMetadata] for Java callers. */
    public fun jobMetadata(): Optional<JobMetadata> = Optional.ofNullable(jobMetadata)
}

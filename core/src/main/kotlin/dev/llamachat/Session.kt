package dev.llamachat

import dev.llamachat.internal.Timestamps
import java.time.Instant
import java.util.Optional
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * A full chat session as `retrieve` returns it: the [SessionSummary] fields plus the ordered event history.
 *
 * Stored history holds, per turn, [ChatEvent.UserInput], [ChatEvent.Thinking], tool calls and results,
 * [ChatEvent.Text] and [ChatEvent.Stop]; deltas are accepted too.
 */
@Serializable
public data class Session(
    @SerialName("session_id") val sessionId: String,
    @SerialName("last_updated_at") val lastUpdatedAt: String,
    @SerialName("events") val events: List<ChatEvent>,
    @SerialName("generated_title") val generatedTitle: String? = null,
    @SerialName("index_ids") val indexIds: List<String>? = null,
    @SerialName("job_metadata") val jobMetadata: JobMetadata? = null,
) {
    /** [lastUpdatedAt] parsed as an instant (a timestamp without an offset means UTC), or null if unparseable. */
    val lastUpdated: Instant? get() = Timestamps.parseOrNull(lastUpdatedAt)

    /** The summary part of this session. */
    public fun toSummary(): SessionSummary =
        SessionSummary(sessionId, lastUpdatedAt, generatedTitle, indexIds, jobMetadata)

    /** [lastUpdated] for Java callers. */
    public fun lastUpdated(): Optional<Instant> = Optional.ofNullable(lastUpdated)

    /** [generatedTitle] for Java callers. */
    public fun generatedTitle(): Optional<String> = Optional.ofNullable(generatedTitle)

    /** [indexIds] for Java callers. */
    public fun indexIds(): Optional<List<String>> = Optional.ofNullable(indexIds)

    /** [jobMetadata] for Java callers. */
    public fun jobMetadata(): Optional<JobMetadata> = Optional.ofNullable(jobMetadata)
}

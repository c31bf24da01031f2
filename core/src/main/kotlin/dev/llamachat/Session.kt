package dev.llamachat

import dev.llamachat.internal.EMPTY_JSON
import dev.llamachat.internal.JavaJson
import dev.llamachat.internal.Timestamps
import dev.llamachat.internal.extrasText
import java.time.Instant
import java.util.Objects
import java.util.Optional
import kotlinx.serialization.json.JsonObject

/**
 * A full chat session as `retrieve` returns it: the [SessionSummary] fields plus the ordered event history.
 *
 * Stored history holds, per turn, [ChatEvent.UserInput], [ChatEvent.Thinking], tool calls and results,
 * [ChatEvent.Text] and [ChatEvent.Stop]; deltas are accepted too.
 *
 * Java sees `sessionId()`, `lastUpdatedAt()`, `lastUpdated()`, `events()`, `generatedTitle()`, `indexIds()`,
 * `jobMetadata()`, `toSummary()` and `additionalProperties()`.
 *
 * @property sessionId unique session identifier.
 * @property lastUpdatedAt when the session was last updated, exactly as the server sent it; see [lastUpdated].
 * @property events the session's history, oldest first.
 * @property generatedTitle title derived from the first user message, or null before there is one.
 * @property indexIds indexes the session is bound to, or null while it is unbound.
 * @property jobMetadata usage and status of the most recent run, or null before the first run.
 * @property additionalProperties fields this SDK does not know yet, kept as they came and written back on encode.
 */
public class Session private constructor(
    @get:JvmName("sessionId") public val sessionId: String,
    @get:JvmName("lastUpdatedAt") public val lastUpdatedAt: String,
    @get:JvmName("events") public val events: List<ChatEvent>,
    @get:JvmSynthetic public val generatedTitle: String?,
    @get:JvmSynthetic public val indexIds: List<String>?,
    @get:JvmSynthetic public val jobMetadata: JobMetadata?,
    @get:JvmSynthetic public val additionalProperties: JsonObject,
) {
    /** A session with the given fields; absent ones stay null. */
    public constructor(
        sessionId: String,
        lastUpdatedAt: String,
        events: List<ChatEvent>,
        generatedTitle: String? = null,
        indexIds: List<String>? = null,
        jobMetadata: JobMetadata? = null,
    ) : this(sessionId, lastUpdatedAt, events, generatedTitle, indexIds, jobMetadata, EMPTY_JSON)

    /** This session with [properties] as its [additionalProperties]. */
    @JvmSynthetic
    public fun withAdditionalProperties(properties: JsonObject): Session =
        Session(sessionId, lastUpdatedAt, events, generatedTitle, indexIds, jobMetadata, properties)

    /** [lastUpdatedAt] parsed as an instant (a timestamp without an offset means UTC), or null if unparseable. */
    @get:JvmSynthetic
    public val lastUpdated: Instant? get() = Timestamps.parseOrNull(lastUpdatedAt)

    /** The summary part of this session, unknown fields included. */
    public fun toSummary(): SessionSummary =
        SessionSummary(sessionId, lastUpdatedAt, generatedTitle, indexIds, jobMetadata)
            .withAdditionalProperties(additionalProperties)

    /** [lastUpdated] for Java callers. */
    public fun lastUpdated(): Optional<Instant> = Optional.ofNullable(lastUpdated)

    /** [generatedTitle] for Java callers. */
    public fun generatedTitle(): Optional<String> = Optional.ofNullable(generatedTitle)

    /** [indexIds] for Java callers. */
    public fun indexIds(): Optional<List<String>> = Optional.ofNullable(indexIds)

    /** [jobMetadata] for Java callers. */
    public fun jobMetadata(): Optional<JobMetadata> = Optional.ofNullable(jobMetadata)

    /** [additionalProperties] for Java callers, as plain Java values (see [ChatEvent.ToolCall.arguments]). */
    public fun additionalProperties(): Map<String, Any?> = JavaJson.map(additionalProperties)

    override fun equals(other: Any?): Boolean = other is Session && sessionId == other.sessionId &&
        lastUpdatedAt == other.lastUpdatedAt && events == other.events && generatedTitle == other.generatedTitle &&
        indexIds == other.indexIds && jobMetadata == other.jobMetadata &&
        additionalProperties == other.additionalProperties

    override fun hashCode(): Int =
        Objects.hash(sessionId, lastUpdatedAt, events, generatedTitle, indexIds, jobMetadata, additionalProperties)

    override fun toString(): String = "Session(sessionId=$sessionId, lastUpdatedAt=$lastUpdatedAt, " +
        "events=$events, generatedTitle=$generatedTitle, indexIds=$indexIds, " +
        "jobMetadata=$jobMetadata${extrasText(additionalProperties)})"
}

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
 * Summary of a chat session: its id, title, bound indexes and last run. `list`, `create`, `summary` and
 * `generateTitle` all return this shape.
 *
 * Java sees `sessionId()`, `lastUpdatedAt()`, `lastUpdated()`, `generatedTitle()`, `indexIds()`, `jobMetadata()`
 * and `additionalProperties()`.
 *
 * @property sessionId unique session identifier.
 * @property lastUpdatedAt when the session was last updated, exactly as the server sent it
 *   (ISO-8601, UTC, usually without an offset); see [lastUpdated] for the parsed form.
 * @property generatedTitle title derived from the first user message, or null before there is one.
 * @property indexIds indexes the session is bound to, or null while it is unbound.
 * @property jobMetadata usage and status of the most recent run, or null before the first run.
 * @property additionalProperties fields this SDK does not know yet, kept as they came and written back on encode.
 */
public class SessionSummary private constructor(
    @get:JvmName("sessionId") public val sessionId: String,
    @get:JvmName("lastUpdatedAt") public val lastUpdatedAt: String,
    @get:JvmSynthetic public val generatedTitle: String?,
    @get:JvmSynthetic public val indexIds: List<String>?,
    @get:JvmSynthetic public val jobMetadata: JobMetadata?,
    @get:JvmSynthetic public val additionalProperties: JsonObject,
) {
    /** A summary with the given fields; absent ones stay null. */
    public constructor(
        sessionId: String,
        lastUpdatedAt: String,
        generatedTitle: String? = null,
        indexIds: List<String>? = null,
        jobMetadata: JobMetadata? = null,
    ) : this(sessionId, lastUpdatedAt, generatedTitle, indexIds, jobMetadata, EMPTY_JSON)

    /** This summary with [properties] as its [additionalProperties]. */
    @JvmSynthetic
    public fun withAdditionalProperties(properties: JsonObject): SessionSummary =
        SessionSummary(sessionId, lastUpdatedAt, generatedTitle, indexIds, jobMetadata, properties)

    /** [lastUpdatedAt] parsed as an instant (a timestamp without an offset means UTC), or null if unparseable. */
    @get:JvmSynthetic
    public val lastUpdated: Instant? get() = Timestamps.parseOrNull(lastUpdatedAt)

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

    override fun equals(other: Any?): Boolean = other is SessionSummary && sessionId == other.sessionId &&
        lastUpdatedAt == other.lastUpdatedAt && generatedTitle == other.generatedTitle &&
        indexIds == other.indexIds && jobMetadata == other.jobMetadata &&
        additionalProperties == other.additionalProperties

    override fun hashCode(): Int =
        Objects.hash(sessionId, lastUpdatedAt, generatedTitle, indexIds, jobMetadata, additionalProperties)

    override fun toString(): String = "SessionSummary(sessionId=$sessionId, lastUpdatedAt=$lastUpdatedAt, " +
        "generatedTitle=$generatedTitle, indexIds=$indexIds, jobMetadata=$jobMetadata${extrasText(additionalProperties)})"
}

package dev.llamachat.internal

import dev.llamachat.ImageAttachment
import dev.llamachat.JobMetadata
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.Usage
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject

/**
 * The models' wire JSON (docs/wire.md), both ways. Reading keeps every field a model does not know in its
 * `additionalProperties`; writing puts them back after the known ones.
 */
internal object ModelJson {
    private val USAGE = setOf("duration_ms", "total_input_tokens", "total_output_tokens", "turns")
    private val JOB_METADATA = USAGE + setOf("error", "export_config_ids", "is_error")
    private val IMAGE_ATTACHMENT = setOf("attachment_name", "source_id")
    private val SUMMARY = setOf("session_id", "last_updated_at", "generated_title", "index_ids", "job_metadata")
    private val SESSION = SUMMARY + "events"

    fun usage(f: JsonFields): Usage =
        Usage(f.optDouble("duration_ms"), f.optLong("total_input_tokens"), f.optLong("total_output_tokens"), f.optLong("turns"))
            .withExtras(f.extras(USAGE), Usage::withAdditionalProperties)

    fun write(usage: Usage): JsonObject = JsonWriter()
        .putIfPresent("duration_ms", usage.durationMs)
        .put("total_input_tokens", usage.totalInputTokens)
        .put("total_output_tokens", usage.totalOutputTokens)
        .putIfPresent("turns", usage.turns)
        .build(usage.additionalProperties)

    fun jobMetadata(f: JsonFields): JobMetadata = JobMetadata(
        durationMs = f.optDouble("duration_ms"),
        error = f.optString("error"),
        exportConfigIds = f.optStringList("export_config_ids"),
        isError = f.optBoolean("is_error"),
        totalInputTokens = f.optLong("total_input_tokens"),
        totalOutputTokens = f.optLong("total_output_tokens"),
        turns = f.optLong("turns"),
    ).withExtras(f.extras(JOB_METADATA), JobMetadata::withAdditionalProperties)

    fun write(job: JobMetadata): JsonObject = JsonWriter()
        .putIfPresent("duration_ms", job.durationMs)
        .put("error", job.error)
        .put("export_config_ids", job.exportConfigIds)
        .putIfPresent("is_error", job.isError)
        .put("total_input_tokens", job.totalInputTokens)
        .put("total_output_tokens", job.totalOutputTokens)
        .putIfPresent("turns", job.turns)
        .build(job.additionalProperties)

    fun imageAttachment(f: JsonFields): ImageAttachment =
        ImageAttachment(f.string("attachment_name"), f.string("source_id"))
            .withExtras(f.extras(IMAGE_ATTACHMENT), ImageAttachment::withAdditionalProperties)

    fun write(attachment: ImageAttachment): JsonObject = JsonWriter()
        .put("attachment_name", attachment.attachmentName)
        .put("source_id", attachment.sourceId)
        .build(attachment.additionalProperties)

    fun summary(f: JsonFields): SessionSummary =
        sessionFields(f) { id, updated, title, indexIds, job -> SessionSummary(id, updated, title, indexIds, job) }
            .withExtras(f.extras(SUMMARY), SessionSummary::withAdditionalProperties)

    fun write(summary: SessionSummary): JsonObject = with(summary) {
        JsonWriter().sessionFields(sessionId, lastUpdatedAt, generatedTitle, indexIds, jobMetadata).build(additionalProperties)
    }

    fun session(f: JsonFields, json: JsonObject): Session {
        val events = json["events"] as? JsonArray ?: throw SerializationException("a session needs 'events', an array")
        val decoded = events.mapIndexed { i, event ->
            val obj = event as? JsonObject ?: throw SerializationException("a session's event $i is not a JSON object")
            ChatEventJson.decode(obj)
        }
        return sessionFields(f) { id, updated, title, indexIds, job -> Session(id, updated, decoded, title, indexIds, job) }
            .withExtras(f.extras(SESSION), Session::withAdditionalProperties)
    }

    fun write(session: Session): JsonObject = with(session) {
        JsonWriter().sessionFields(sessionId, lastUpdatedAt, generatedTitle, indexIds, jobMetadata)
            .put("events", JsonArray(events.map(ChatEventJson::toJsonObject)))
            .build(additionalProperties)
    }

    /** The fields a session and its summary share, read once for both. */
    private inline fun <T> sessionFields(
        f: JsonFields,
        make: (sessionId: String, lastUpdatedAt: String, generatedTitle: String?, indexIds: List<String>?, job: JobMetadata?) -> T,
    ): T = make(
        f.string("session_id"),
        f.string("last_updated_at"),
        f.optString("generated_title"),
        f.optStringList("index_ids"),
        f.optModel("job_metadata", ::jobMetadata),
    )

    /** The fields a session and its summary share, written once for both. */
    private fun JsonWriter.sessionFields(
        sessionId: String,
        lastUpdatedAt: String,
        generatedTitle: String?,
        indexIds: List<String>?,
        job: JobMetadata?,
    ): JsonWriter = put("session_id", sessionId)
        .put("last_updated_at", lastUpdatedAt)
        .put("generated_title", generatedTitle)
        .put("index_ids", indexIds)
        .put("job_metadata", job?.let(::write))

    /** [this] with [extras] as its unknown fields, or [this] itself when there are none (no second object). */
    inline fun <T> T.withExtras(extras: JsonObject, with: T.(JsonObject) -> T): T =
        if (extras.isEmpty()) this else with(extras)
}

package dev.llamachat.internal

import dev.llamachat.ImageAttachment
import dev.llamachat.InternalLlamaChatApi
import dev.llamachat.JobMetadata
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.Usage
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonObject

// The models' kotlinx serializers, for the transports and testkit. They live here rather than on the models
// (no @Serializable there) so that Java's view of a model has no Companion, no serializer() and no kotlinx types.

/** A model read from and written as one JSON object, keeping the fields it does not know; JSON only. */
@InternalLlamaChatApi
public abstract class JsonObjectSerializer<T>(private val owner: String) : KSerializer<T> {
    override val descriptor: SerialDescriptor = JsonObject.serializer().descriptor

    /** The model in [json]; [fields] reads it with messages naming [owner]. */
    internal abstract fun read(fields: JsonFields, json: JsonObject): T

    /** [value] as its wire JSON object. */
    internal abstract fun write(value: T): JsonObject

    override fun deserialize(decoder: Decoder): T {
        val json = decoder as? JsonDecoder ?: throw SerializationException("$owner can only be read from JSON")
        val element = json.decodeJsonElement()
        val obj = element as? JsonObject ?: throw SerializationException("$owner must be a JSON object, was ${element.toString().take(64)}")
        return read(JsonFields(obj, owner), obj)
    }

    override fun serialize(encoder: Encoder, value: T) {
        val json = encoder as? JsonEncoder ?: throw SerializationException("$owner can only be written as JSON")
        json.encodeJsonElement(write(value))
    }
}

/** A model whose wire JSON [ModelJson] reads with [reader] and writes with [writer]. */
@InternalLlamaChatApi
public abstract class ModelJsonSerializer<T> internal constructor(
    owner: String,
    private val reader: (JsonFields, JsonObject) -> T,
    private val writer: (T) -> JsonObject,
) : JsonObjectSerializer<T>(owner) {
    override fun read(fields: JsonFields, json: JsonObject): T = reader(fields, json)
    override fun write(value: T): JsonObject = writer(value)
}

/** [SessionSummary]'s wire JSON. */
@InternalLlamaChatApi
public object SessionSummarySerializer :
    ModelJsonSerializer<SessionSummary>("a session summary", { f, _ -> ModelJson.summary(f) }, ModelJson::write)

/** [Session]'s wire JSON. */
@InternalLlamaChatApi
public object SessionSerializer : ModelJsonSerializer<Session>("a session", ModelJson::session, ModelJson::write)

/** [JobMetadata]'s wire JSON. */
internal object JobMetadataSerializer :
    ModelJsonSerializer<JobMetadata>("job metadata", { f, _ -> ModelJson.jobMetadata(f) }, ModelJson::write)

/** [Usage]'s wire JSON. */
internal object UsageSerializer : ModelJsonSerializer<Usage>("a usage", { f, _ -> ModelJson.usage(f) }, ModelJson::write)

/** [ImageAttachment]'s wire JSON. */
internal object ImageAttachmentSerializer :
    ModelJsonSerializer<ImageAttachment>("an image attachment", { f, _ -> ModelJson.imageAttachment(f) }, ModelJson::write)

/** A [Page]'s wire JSON, its items read and written by [item]. */
@InternalLlamaChatApi
public class PageSerializer<T>(private val item: KSerializer<T>) : JsonObjectSerializer<Page<T>>("a page") {
    override fun read(fields: JsonFields, json: JsonObject): Page<T> {
        val items = json["items"] as? JsonArray ?: throw SerializationException("a page needs 'items', an array")
        val page = Page(items.map { LlamaJson.decodeFromJsonElement(item, it) }, fields.optString("next_page_token"))
        val extras = fields.extras(PAGE_FIELDS)
        return if (extras.isEmpty()) page else page.withAdditionalProperties(extras)
    }

    override fun write(value: Page<T>): JsonObject = JsonWriter()
        .put("items", JsonArray(value.items.map { LlamaJson.encodeToJsonElement(item, it) }))
        .put("next_page_token", value.nextPageToken)
        .build(value.additionalProperties)

    private companion object {
        val PAGE_FIELDS = setOf("items", "next_page_token")
    }
}

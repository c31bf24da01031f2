package dev.llamachat

import dev.llamachat.internal.EMPTY_JSON
import dev.llamachat.internal.JavaJson
import dev.llamachat.internal.extrasText
import java.util.Objects
import kotlinx.serialization.json.JsonObject

/**
 * Coordinates for lazily resolving a page screenshot's presigned URL, attached to a [ChatEvent.ToolResult].
 *
 * Java sees `attachmentName()`, `sourceId()` and `additionalProperties()`.
 *
 * @property attachmentName the attachment's name within its source.
 * @property sourceId the source document the screenshot belongs to.
 * @property additionalProperties fields this SDK does not know yet, kept as they came and written back on encode.
 */
public class ImageAttachment private constructor(
    @get:JvmName("attachmentName") public val attachmentName: String,
    @get:JvmName("sourceId") public val sourceId: String,
    @get:JvmSynthetic public val additionalProperties: JsonObject,
) {
    /** An attachment of [sourceId] named [attachmentName]. */
    public constructor(attachmentName: String, sourceId: String) : this(attachmentName, sourceId, EMPTY_JSON)

    /** This attachment with [properties] as its [additionalProperties]. */
    @JvmSynthetic
    public fun withAdditionalProperties(properties: JsonObject): ImageAttachment =
        ImageAttachment(attachmentName, sourceId, properties)

    /** [additionalProperties] for Java callers, as plain Java values (see [ChatEvent.ToolCall.arguments]). */
    public fun additionalProperties(): Map<String, Any?> = JavaJson.map(additionalProperties)

    override fun equals(other: Any?): Boolean = other is ImageAttachment && attachmentName == other.attachmentName &&
        sourceId == other.sourceId && additionalProperties == other.additionalProperties

    override fun hashCode(): Int = Objects.hash(attachmentName, sourceId, additionalProperties)

    override fun toString(): String =
        "ImageAttachment(attachmentName=$attachmentName, sourceId=$sourceId${extrasText(additionalProperties)})"
}

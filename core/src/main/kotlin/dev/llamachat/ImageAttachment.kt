package dev.llamachat

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * Coordinates for lazily resolving a page screenshot's presigned URL, attached to a [ChatEvent.ToolResult].
 *
 * @property attachmentName the attachment's name within its source.
 * @property sourceId the source document the screenshot belongs to.
 */
@Serializable
public data class ImageAttachment(
    @SerialName("attachment_name") val attachmentName: String,
    @SerialName("source_id") val sourceId: String,
)

package dev.llamachat

import java.util.Optional

/**
 * The server answered with a success status but a body this SDK cannot read as the API promises (wrong content
 * type, invalid JSON, missing fields). Usually a proxy or a wrong base URL.
 *
 * Java sees `status()` and `contentType()` (an `Optional`).
 *
 * @property status the HTTP status code.
 * @property contentType the response's content type, or null if it had none.
 */
public class UnexpectedResponseException(
    @get:JvmName("status") public val status: Int,
    @get:JvmSynthetic public val contentType: String?,
    message: String,
    cause: Throwable? = null,
) : LlamaCloudException(message, cause) {
    /** [contentType] for Java callers. */
    public fun contentType(): Optional<String> = Optional.ofNullable(contentType)
}

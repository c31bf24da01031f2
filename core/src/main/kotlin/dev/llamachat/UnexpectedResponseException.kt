package dev.llamachat

/**
 * The server answered with a success status but a body this SDK cannot read as the API promises (wrong content
 * type, invalid JSON, missing fields). Usually a proxy or a wrong base URL.
 *
 * @property status the HTTP status code.
 * @property contentType the response's content type, or null if it had none.
 */
public class UnexpectedResponseException(
    public val status: Int,
    public val contentType: String?,
    message: String,
    cause: Throwable? = null,
) : LlamaCloudException(message, cause)

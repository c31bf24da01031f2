package dev.llamachat.internal

import dev.llamachat.ApiException
import dev.llamachat.BadRequestException
import dev.llamachat.ConflictException
import dev.llamachat.InternalLlamaChatApi
import dev.llamachat.InternalServerException
import dev.llamachat.LlamaCloudException
import dev.llamachat.NotFoundException
import dev.llamachat.PermissionDeniedException
import dev.llamachat.RateLimitException
import dev.llamachat.UnauthorizedException
import dev.llamachat.UnprocessableEntityException
import dev.llamachat.ValidationError
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonPrimitive

/**
 * Turns an error response into the matching [ApiException]: one place for every transport, for the opening call
 * and the stream endpoint alike. The message names the status, the request, the server's `detail` and a hint.
 */
@InternalLlamaChatApi
public object ApiErrors {
    /** How much of an error body is kept; a hostile server cannot make the client hold more. */
    public const val MAX_ERROR_BODY_CHARS: Int = 8192

    /** How much of `detail` an exception's message quotes. */
    private const val MAX_MESSAGE_DETAIL = 500

    /** Response headers whose values are kept in exceptions; anything else (cookies, auth echoes) is dropped. */
    private val SAFE_HEADER = Regex("^(content-type|content-length|retry-after|retry-after-ms|x-should-retry|date|" +
        "x-request-id|request-id|x-correlation-id|server|ratelimit.*|x-ratelimit.*)$")

    /**
     * [failure] with [requestId], the id of the response it came with, unless it has one already. Transports call
     * it once, before throwing, for failures the exception's constructor could not be given the id (stream
     * failures, unexpected and cut-off answers).
     */
    public fun <E : LlamaCloudException> withRequestId(failure: E, requestId: String?): E {
        if (requestId != null && failure.requestId == null) failure.attachedRequestId = requestId
        return failure
    }

    /** The request id among response [headers] (names in lower case): `x-request-id`, else `request-id`. */
    public fun requestId(headers: Map<String, List<String>>): String? =
        headers["x-request-id"]?.firstOrNull() ?: headers["request-id"]?.firstOrNull()

    /**
     * @param request what was called, for example `GET /api/v1/chat/ses-1`: method and path only, never the query.
     * @param headers response headers; names in any case.
     * @param body the start of the response body (cut to [MAX_ERROR_BODY_CHARS]), or null.
     * @param retries how many times the call was retried before this answer.
     */
    public fun fromResponse(
        status: Int,
        request: String,
        headers: Map<String, List<String>>,
        body: String?,
        retries: Int = 0,
    ): ApiException {
        val kept = headers.entries
            .filter { SAFE_HEADER.matches(it.key.lowercase()) }
            .associate { it.key.lowercase() to it.value }
        val bounded = body?.take(MAX_ERROR_BODY_CHARS)?.let(Secrets::redact)?.take(MAX_ERROR_BODY_CHARS)
        val (detail, validation) = parseDetail(bounded)
        val requestId = requestId(kept)
        val retryAfter = if (status == 429) RetryAfter.parse({ kept[it]?.firstOrNull() }) else null
        val message = buildString {
            append(status).append(' ').append(reason(status)).append(" on ").append(request)
            // The message stays readable; the whole detail is on the exception.
            append(": ").append(detail?.let { if (it.length > MAX_MESSAGE_DETAIL) it.take(MAX_MESSAGE_DETAIL) + "..." else it } ?: "(no detail)")
            if (!endsWith('.')) append('.')
            append(' ').append(hint(status))
            if (retries > 0) append(" (after ").append(retries).append(if (retries == 1) " retry)" else " retries)")
            if (requestId != null) append(" [request id ").append(requestId).append(']')
        }
        return when (status) {
            400 -> BadRequestException(detail, kept, requestId, bounded, message)
            401 -> UnauthorizedException(detail, kept, requestId, bounded, message)
            403 -> PermissionDeniedException(detail, kept, requestId, bounded, message)
            404 -> NotFoundException(detail, kept, requestId, bounded, message)
            409 -> ConflictException(detail, kept, requestId, bounded, message)
            422 -> UnprocessableEntityException(detail, validation, kept, requestId, bounded, message)
            429 -> RateLimitException(retryAfter, detail, kept, requestId, bounded, message)
            in 500..599 -> InternalServerException(status, detail, kept, requestId, bounded, message)
            else -> ApiException(status, detail, validation, kept, requestId, bounded, message)
        }
    }

    /** `detail` is a string, or for 422 a list of `{loc, msg, type}`; anything else is shown raw. */
    private fun parseDetail(body: String?): Pair<String?, List<ValidationError>> {
        if (body.isNullOrBlank()) return null to emptyList()
        val json = try {
            LlamaJson.parseToJsonElement(body) as? JsonObject
        } catch (_: IllegalArgumentException) {
            null
        } ?: return body.trim().take(300) to emptyList()
        return when (val detail = json["detail"]) {
            null -> json.toString().take(300) to emptyList()
            is JsonPrimitive -> detail.contentOrNull to emptyList()
            is JsonArray -> {
                val errors = detail.mapNotNull { (it as? JsonObject)?.toValidationError() }
                (if (errors.isEmpty()) detail.toString() else errors.joinToString("; ")) to errors
            }
            is JsonObject -> detail.toString() to emptyList()
        }
    }

    private fun JsonObject.toValidationError(): ValidationError {
        val loc = (this["loc"] as? JsonArray)?.map { (it as? JsonPrimitive)?.contentOrNull ?: it.toString() }.orEmpty()
        val msg = (this["msg"] as? JsonPrimitive)?.contentOrNull ?: toString()
        val type = (this["type"] as? JsonPrimitive)?.jsonPrimitive?.contentOrNull ?: ""
        return ValidationError(loc, msg, type)
    }

    private fun reason(status: Int): String = when (status) {
        400 -> "Bad Request"
        401 -> "Unauthorized"
        403 -> "Forbidden"
        404 -> "Not Found"
        408 -> "Request Timeout"
        409 -> "Conflict"
        422 -> "Unprocessable Entity"
        429 -> "Too Many Requests"
        500 -> "Internal Server Error"
        502 -> "Bad Gateway"
        503 -> "Service Unavailable"
        504 -> "Gateway Timeout"
        else -> "HTTP error"
    }

    private fun hint(status: Int): String = when (status) {
        400 -> "Check the request's arguments; a page token must come from the previous page."
        401 -> "Check the API key (LLAMA_CLOUD_API_KEY) and that it belongs to this base URL's region."
        403 -> "The API key may not access this organization or project."
        404 -> "The session does not exist, was deleted, or belongs to another project (check projectId)."
        409 -> "Send the session's own index ids, or wait for its running turn to finish."
        422 -> "Fix the named parameters and call again."
        429 -> "Rate limited: wait for Retry-After, lower the request rate, or raise maxRetries."
        in 500..599 -> "The service failed; try again later."
        else -> "See the detail above."
    }
}

package dev.llamachat

import java.time.Duration
import java.util.Optional

/**
 * The server answered with an error status. Subclasses name the common statuses ([NotFoundException] for 404,
 * [RateLimitException] for 429, ...); other statuses arrive as this class itself.
 *
 * The message says the status, the request, the server's `detail`, and what the caller can do about it.
 *
 * Java sees `status()`, `detail()`, `validationErrors()`, `headers()`, `header(name)`, `requestId()` and `body()`,
 * in the models' style: an `Optional` where the value may be absent. Kotlin reads properties, nullable where absent.
 *
 * @property status the HTTP status code.
 * @property detail the server's `detail` as text (a 422's list joined), or null if the body had none.
 * @property validationErrors a 422's `detail` entries; empty otherwise.
 * @property headers the response headers, names in lower case.
 * @property requestId the server's request id (`x-request-id`, else `request-id`), if it sent one; quote it to support.
 * @property body the start of the raw error body (bounded), or null.
 */
public open class ApiException(
    @get:JvmName("status") public val status: Int,
    @get:JvmSynthetic public val detail: String?,
    @get:JvmName("validationErrors") public val validationErrors: List<ValidationError>,
    @get:JvmName("headers") public val headers: Map<String, List<String>>,
    @get:JvmSynthetic override val requestId: String?,
    @get:JvmSynthetic public val body: String?,
    message: String,
) : LlamaCloudException(message) {
    /** The first value of a response header (case-insensitive), or null. */
    @JvmSynthetic
    public fun header(name: String): String? = headers[name.lowercase()]?.firstOrNull()

    /** [header] for Java callers, who call it `header(name)`. */
    @JvmName("header")
    public fun headerOptional(name: String): Optional<String> = Optional.ofNullable(header(name))

    /** [detail] for Java callers. */
    public fun detail(): Optional<String> = Optional.ofNullable(detail)

    /** [body] for Java callers. */
    public fun body(): Optional<String> = Optional.ofNullable(body)
}

/** 400: the request was malformed, for example an invalid `page_token`. */
public class BadRequestException(
    detail: String?, headers: Map<String, List<String>>, requestId: String?, body: String?, message: String,
) : ApiException(400, detail, emptyList(), headers, requestId, body, message)

/** 401: the API key is missing or wrong. */
public class UnauthorizedException(
    detail: String?, headers: Map<String, List<String>>, requestId: String?, body: String?, message: String,
) : ApiException(401, detail, emptyList(), headers, requestId, body, message)

/** 403: the API key may not do this, for example in another organization. */
public class PermissionDeniedException(
    detail: String?, headers: Map<String, List<String>>, requestId: String?, body: String?, message: String,
) : ApiException(403, detail, emptyList(), headers, requestId, body, message)

/** 404: the session does not exist, was deleted, or belongs to another project. */
public class NotFoundException(
    detail: String?, headers: Map<String, List<String>>, requestId: String?, body: String?, message: String,
) : ApiException(404, detail, emptyList(), headers, requestId, body, message)

/** 409: the turn's index ids differ from the session's locked set, or a turn is already running on it. */
public class ConflictException(
    detail: String?, headers: Map<String, List<String>>, requestId: String?, body: String?, message: String,
) : ApiException(409, detail, emptyList(), headers, requestId, body, message)

/** 422: a parameter failed the server's validation; [validationErrors] says which. */
public class UnprocessableEntityException(
    detail: String?, validationErrors: List<ValidationError>, headers: Map<String, List<String>>,
    requestId: String?, body: String?, message: String,
) : ApiException(422, detail, validationErrors, headers, requestId, body, message)

/**
 * 429: rate limited, after the client's retries were used up.
 *
 * @property retryAfter how long the server asked to wait, or null if it did not say.
 */
public class RateLimitException(
    @get:JvmSynthetic public val retryAfter: Duration?,
    detail: String?, headers: Map<String, List<String>>, requestId: String?, body: String?, message: String,
) : ApiException(429, detail, emptyList(), headers, requestId, body, message) {
    /** [retryAfter] for Java callers. */
    public fun retryAfter(): Optional<Duration> = Optional.ofNullable(retryAfter)
}

/** 5xx: the service failed, after the client's retries were used up. */
public class InternalServerException(
    status: Int, detail: String?, headers: Map<String, List<String>>, requestId: String?, body: String?, message: String,
) : ApiException(status, detail, emptyList(), headers, requestId, body, message)

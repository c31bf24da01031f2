package dev.llamachat.ktor

import java.util.Optional

/**
 * A call's typed result with the response it came in: status, headers and the service's request id (quote it in a
 * support ticket; read rate-limit headers to throttle). From [LlamaCloudChat.withRawResponse].
 *
 * @property status the HTTP status of the answer that was delivered (after any retries).
 * @property headers the response headers, names in lower case.
 * @property requestId the `x-request-id` (else `request-id`) header, or null if the service sent none.
 * @property value the call's typed result, as the plain call returns it.
 */
public class ApiResponse<out T>(
    // Records-style for Java (`status()`, `headers()`, `value()`; `header(name)` and `requestId()` as Optional), like
    // the models; Kotlin reads properties, nullable where absent.
    @get:JvmName("status") public val status: Int,
    @get:JvmName("headers") public val headers: Map<String, List<String>>,
    @get:JvmName("value") public val value: T,
) {
    @get:JvmSynthetic
    public val requestId: String? get() = header("x-request-id") ?: header("request-id")

    /** The first value of a response header (case-insensitive), or null. */
    @JvmSynthetic
    public fun header(name: String): String? = headers[name.lowercase()]?.firstOrNull()

    /** [header] for Java callers, who call it `header(name)`. */
    @JvmName("header")
    public fun headerOptional(name: String): Optional<String> = Optional.ofNullable(header(name))

    /** [requestId] for Java callers. */
    public fun requestId(): Optional<String> = Optional.ofNullable(requestId)

    /** The status and request id; never the headers' values. */
    override fun toString(): String = "ApiResponse(status=$status, requestId=$requestId)"
}

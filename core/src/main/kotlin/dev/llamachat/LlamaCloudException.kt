package dev.llamachat

import java.util.Optional

/**
 * The root of every failure this SDK reports. Catch it to handle them all; catch a subclass to handle one kind.
 *
 * - [ApiException] and its per-status subclasses: the server answered with an error status.
 * - [LlamaCloudIoException]: the connection failed before a complete response arrived.
 * - [LlamaCloudTimeoutException]: connecting or an ordinary call took too long.
 * - [StreamException] and its subclasses: a chat turn's stream broke, ended early or was malformed.
 * - [UnexpectedResponseException]: a success status whose body is not what the API promises.
 *
 * Arguments that can never be valid fail before any request with [IllegalArgumentException] instead.
 * No message or `toString` of any of these contains the API key. Cancellation is never wrapped.
 */
public open class LlamaCloudException(message: String, cause: Throwable? = null) : RuntimeException(message, cause) {
    /** Set once by the transport, before the exception is thrown (see `ApiErrors.withRequestId`). */
    // Synthetic, like the getter below: javac does not see them (internal would otherwise be public to Java).
    @Volatile
    @get:JvmSynthetic @set:JvmSynthetic
    internal var attachedRequestId: String? = null

    /**
     * The service's request id (`x-request-id`) of the response this failure came with; quote it to support.
     * Null when no response came (the connection failed before) or the service sent none.
     */
    @get:JvmSynthetic
    public open val requestId: String? get() = attachedRequestId

    /** [requestId] for Java callers. */
    public fun requestId(): Optional<String> = Optional.ofNullable(requestId)
}

package dev.llamachat

/**
 * The root of every failure this SDK reports. Catch it to handle them all; catch a subclass to handle one kind.
 *
 * - [ApiException] and its per-status subclasses: the server answered with an error status.
 * - [LlamaCloudIoException]: the connection failed before a response arrived.
 * - [LlamaCloudTimeoutException]: connecting or an ordinary call took too long.
 * - [StreamException] and its subclasses: a chat turn's stream broke, ended early or was malformed.
 * - [UnexpectedResponseException]: a success status whose body is not what the API promises.
 *
 * Arguments that can never be valid fail before any request with [IllegalArgumentException] instead.
 * No message or `toString` of any of these contains the API key. Cancellation is never wrapped.
 */
public open class LlamaCloudException(message: String, cause: Throwable? = null) : RuntimeException(message, cause)

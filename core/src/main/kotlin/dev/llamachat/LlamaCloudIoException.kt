package dev.llamachat

/**
 * The connection failed (refused, reset, closed, DNS) before a complete response arrived. It was retried as
 * far as the client's retry policy allows; the cause holds the transport's own exception.
 */
public class LlamaCloudIoException(message: String, cause: Throwable? = null) : LlamaCloudException(message, cause)

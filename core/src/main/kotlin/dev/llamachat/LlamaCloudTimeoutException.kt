package dev.llamachat

/**
 * Connecting, or an ordinary (non-streaming) call, took longer than the client's configured timeout.
 * A stream that goes silent mid-turn fails with [StreamIdleTimeoutException] instead.
 */
public class LlamaCloudTimeoutException(message: String, cause: Throwable? = null) : LlamaCloudException(message, cause)

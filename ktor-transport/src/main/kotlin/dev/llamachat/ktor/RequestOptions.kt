package dev.llamachat.ktor

import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * Options for the calls made through a client derived with [LlamaCloudChat.withOptions]: each replaces or adds
 * to the client's own setting; what is left unset keeps the client's.
 *
 * ```kotlin
 * val quick = chat.withOptions { timeout = 5.seconds; maxRetries = 0; header("traceparent", traceparent) }
 * ```
 * Java: `chat.withOptions(new RequestOptions().timeout(Duration.ofSeconds(5)).maxRetries(0))`.
 */
public class RequestOptions {
    /**
     * Replaces [LlamaCloudChatConfig.requestTimeout]: the longest an ordinary call may take, and the longest a
     * stream waits for its response head. Null keeps the client's.
     */
    // JvmSynthetic accessors here and below: Java sets these through the fluent methods, and should not see
    // Kotlin's mangled Duration accessors or the internal collections.
    @get:JvmSynthetic @set:JvmSynthetic
    public var timeout: Duration? = null

    /** Replaces [LlamaCloudChatConfig.maxRetries] (0..10). Null keeps the client's. */
    @get:JvmSynthetic @set:JvmSynthetic
    public var maxRetries: Int? = null

    @get:JvmSynthetic
    internal val headers: MutableMap<String, String> = linkedMapOf()

    @get:JvmSynthetic
    internal val queryParameters: MutableList<Pair<String, String>> = mutableListOf()

    /** Sends header [name] with every call, replacing a default header of that name (not `Authorization`). */
    public fun header(name: String, value: String): RequestOptions = apply { headers[name] = value }

    /** Adds query parameter [name]=[value] to every call (percent-encoded by the SDK). */
    public fun queryParameter(name: String, value: String): RequestOptions = apply { queryParameters += name to value }

    /** Sets [timeout] from a `java.time.Duration`. */
    public fun timeout(timeout: java.time.Duration): RequestOptions = apply { this.timeout = timeout.toKotlinDuration() }

    /** Sets [maxRetries]. */
    public fun maxRetries(maxRetries: Int): RequestOptions = apply { this.maxRetries = maxRetries }
}

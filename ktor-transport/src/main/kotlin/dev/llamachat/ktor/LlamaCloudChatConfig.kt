package dev.llamachat.ktor

import dev.llamachat.InternalLlamaChatApi
import dev.llamachat.internal.SseDecoder
import dev.llamachat.ktor.internal.Environment
import dev.llamachat.ktor.internal.RetrySleeper
import io.ktor.client.HttpClient
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.HttpClientEngineFactory
import java.time.Clock
import java.util.function.DoubleSupplier
import kotlin.random.Random
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toKotlinDuration

/**
 * Settings of a [LlamaCloudChat]: a mutable DSL with documented defaults, read once and validated when the
 * client is created (changing it afterwards does not affect that client).
 *
 * ```kotlin
 * val chat = LlamaCloudChat {
 *     apiKey = "llx-..."
 *     projectId = "2f6c1c0e-5f6b-4d0c-9d5e-2a1b3c4d5e6f"
 *     streamIdleTimeout = 2.minutes
 *     logger = { println(it) }
 * }
 * ```
 * From Java (or java-compat's builder): the `java.time.Duration` setters [connectTimeout], [requestTimeout] and
 * [streamIdleTimeout] stand in for the Kotlin `Duration` properties.
 */
public class LlamaCloudChatConfig {
    /**
     * The API key, sent as `Authorization: Bearer <key>`. Required. [loadEnvironment] reads it from
     * `LLAMA_CLOUD_API_KEY`, else `LLAMA_PARSE_API_KEY`. Never shown by any `toString`, message or log line.
     */
    public var apiKey: String? = null

    /**
     * The service's base URL, optionally with a path prefix (a proxy); default [LlamaCloudChat.DEFAULT_BASE_URL],
     * or `LLAMA_CLOUD_BASE_URL` through [loadEnvironment]. Plain `http://` is accepted only for loopback hosts
     * unless [allowInsecureHttp] is set, because the API key would travel in clear text.
     */
    public var baseUrl: String = LlamaCloudChat.DEFAULT_BASE_URL

    /** The organization (a UUID) used by every call that names none; null: the key's default. */
    public var organizationId: String? = null

    /** The project (a UUID) used by every call that names none; null: the key's default project. */
    public var projectId: String? = null

    /** The longest wait for a TCP (and TLS) connection; default 10 s. Applies to clients this SDK creates. */
    public var connectTimeout: Duration = 10.seconds

    /**
     * The longest an ordinary call (everything but the stream) may take, retries not counted, and the longest a
     * stream waits for its response headers; default 60 s. Fails with `LlamaCloudTimeoutException`.
     */
    public var requestTimeout: Duration = 60.seconds

    /**
     * The longest a stream may stay silent (no byte at all; keep-alive comments count as activity) before it fails
     * with `StreamIdleTimeoutException`; default 120 s. A turn that keeps sending never times out, however long.
     */
    public var streamIdleTimeout: Duration = 120.seconds

    /**
     * How many times a failed call is retried (default 2: at most three attempts), with exponential backoff and
     * jitter (0.5 s doubling up to 8 s) or as long as the server's `retry-after-ms` / `Retry-After` asks (up to
     * 60 s; a longer wait is not made, the error is thrown). Retried: connection failures, 408, 409, 429 and 5xx;
     * `x-should-retry: true|false` overrides that choice. `create` is retried only when the server cannot have
     * acted (429, 503, or a connection that failed before the request was sent); a stream only before its first
     * byte; a timed-out call only if it is idempotent. 0 disables retries.
     */
    public var maxRetries: Int = 2

    /**
     * Headers sent with every request, for example a tracing header. They may replace `User-Agent`, but not
     * `Authorization` (set [apiKey]) or the content headers.
     */
    public val defaultHeaders: MutableMap<String, String> = linkedMapOf()

    /** Allows `http://` to a host that is not loopback, sending the API key in clear text. Default false. */
    public var allowInsecureHttp: Boolean = false

    /**
     * A caller's own client, used as it is (its plugins, engine and timeouts apply, so [connectTimeout] does
     * not) and left open by [LlamaCloudChat.close]. Its timeouts can cut long streams: a CIO engine's own
     * `requestTimeout` is 15 s unless set to 0. Error statuses are mapped whatever its `expectSuccess`.
     * Set at most one of [httpClient], [engine] and [engineFactory].
     */
    public var httpClient: HttpClient? = null

    /** A caller's own engine, wrapped in a client this SDK configures; left open by [LlamaCloudChat.close]. */
    public var engine: HttpClientEngine? = null

    /**
     * The engine to create (and close with the client); default `CIO`, tuned for hundreds of concurrent streams.
     * Ktor 3.5's CIO gives every request its own connection (it pools only in its pipelining mode, and then only
     * GETs), so each call pays a TCP (and TLS) handshake; pass a pooled engine such as `OkHttp`
     * (ktor-client-okhttp) to reuse connections across calls.
     */
    public var engineFactory: HttpClientEngineFactory<*>? = null

    /** The largest single stream event accepted, in bytes; default 1 MiB. A larger one fails the stream. */
    public var maxEventBytes: Int = SseDecoder.DEFAULT_MAX_EVENT_BYTES

    /**
     * Receives one line per request (`--> POST /api/v1/chat`), per answer (`<-- 200 (12 ms)`) and per retry.
     * Lines never contain the API key or any header. Null (the default) logs nothing.
     */
    public var logger: ((String) -> Unit)? = null

    /** Test seam: how retries wait (default: coroutine `delay`). */
    @InternalLlamaChatApi
    public var sleeper: RetrySleeper = RetrySleeper.DELAY

    /** Test seam: the jitter source, values in [0, 1); the backoff is scaled by `1 - 0.25 * value`. */
    @InternalLlamaChatApi
    public var jitter: DoubleSupplier = DoubleSupplier { Random.nextDouble() }

    /** Test seam: the clock that `Retry-After` dates are measured against. */
    @InternalLlamaChatApi
    public var clock: Clock = Clock.systemUTC()

    /** Sets [connectTimeout] from a `java.time.Duration`. */
    public fun connectTimeout(timeout: java.time.Duration): LlamaCloudChatConfig =
        apply { connectTimeout = timeout.toKotlinDuration() }

    /** Sets [requestTimeout] from a `java.time.Duration`. */
    public fun requestTimeout(timeout: java.time.Duration): LlamaCloudChatConfig =
        apply { requestTimeout = timeout.toKotlinDuration() }

    /** Sets [streamIdleTimeout] from a `java.time.Duration`. */
    public fun streamIdleTimeout(timeout: java.time.Duration): LlamaCloudChatConfig =
        apply { streamIdleTimeout = timeout.toKotlinDuration() }

    /**
     * Reads the environment: [apiKey] from `LLAMA_CLOUD_API_KEY` (else `LLAMA_PARSE_API_KEY`) and [baseUrl] from
     * `LLAMA_CLOUD_BASE_URL`, each only if set and not blank; other settings are left as they are.
     */
    public fun loadEnvironment(env: Map<String, String> = System.getenv()) {
        Environment.apiKey(env)?.let { apiKey = it }
        Environment.baseUrl(env)?.let { baseUrl = it }
    }

    override fun toString(): String =
        "LlamaCloudChatConfig(baseUrl=$baseUrl, apiKey=${if (apiKey.isNullOrBlank()) "<unset>" else "<set>"}, " +
            "organizationId=$organizationId, projectId=$projectId, maxRetries=$maxRetries)"
}

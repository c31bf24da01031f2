package dev.llamachat.ktor

import dev.llamachat.ktor.internal.Environment
import io.ktor.client.HttpClient
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.HttpClientEngineFactory
import java.net.Proxy
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLSocketFactory
import javax.net.ssl.X509TrustManager
import java.util.function.Consumer
import kotlin.time.Duration
import kotlin.time.Duration.Companion.minutes
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
     * How many times a failed call is retried (default 2: at most three attempts; 0 disables retries), never
     * repeating work the service may have done:
     * - `create` and a turn (they change state): only when the request cannot have reached the service: the
     *   connection could not be opened, or the answer says so (408, 429, 503, `x-should-retry: true`, or for a
     *   turn a 409 because another turn is still running);
     * - list, retrieve, summary, title and delete (idempotent): also after a connection that broke, a body cut
     *   short, a timeout, and on 5xx; a `delete` that then meets 404 succeeded (its earlier attempt deleted it);
     * - never once a stream's events began, never on other 4xx (a 409 because the turn's index ids differ from
     *   the session's is final); `x-should-retry: false` stops any retry.
     * Waits: the server's `retry-after-ms` / `Retry-After` when at most 60 s, otherwise exponential backoff with
     * jitter (0.5 s doubling up to 8 s).
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
     * The engine to create (and close with the client); default `OkHttp`, tuned for hundreds of concurrent
     * streams and reusing its connections across calls. `CIO` (also on the classpath) and `Java` work too, but
     * Ktor 3.5's CIO gives every request its own connection (it pools only in its pipelining mode, and then only
     * GETs), so each turn pays a TCP (and TLS) handshake; BENCHMARKS.md has the measurements.
     */
    public var engineFactory: HttpClientEngineFactory<*>? = null

    /**
     * The largest single stream event accepted, in bytes; default 16 MiB, the limit on an ordinary call's whole
     * answer too. A turn's `text` event carries the whole answer and a `tool_result` the retrieved passages, so
     * the limit must admit every plausible turn while bounding what a broken server can make the client hold.
     * A larger event fails the stream with `EventTooLargeException`.
     */
    public var maxEventBytes: Int = DEFAULT_MAX_EVENT_BYTES

    /**
     * Whether streams leave out a turn's final whole-answer events; default false. A turn ends with a `text` event
     * that repeats its whole answer after the `text_delta`s that carried it (and a `thinking` event that repeats
     * the `thinking_delta`s). With `skipFinalText = true` those two events are not delivered: they are dropped as
     * they are read, never held in memory nor counted against [maxEventBytes], so a turn with an enormous answer
     * streams in a small heap. Everything else is delivered as usual, and a [dev.llamachat.ChatTurn] collected from
     * the events still has the whole answer, joined from the deltas.
     */
    public var skipFinalText: Boolean = false

    /**
     * Which of the SDK's log lines are written (see [LogLevel]); null (the default): the `LLAMA_CLOUD_LOG`
     * environment variable (`off`, `warn`, `info`, `debug`), else [LogLevel.DEBUG] if a [logger] is set, else
     * [LogLevel.OFF]. Lines go to SLF4J, logger `dev.llamachat.http`, whose configuration filters further (the SDK
     * ships no SLF4J provider: the application chooses one). Lines never contain the API key or any header.
     */
    public var logLevel: LogLevel? = null

    /**
     * Receives the SDK's log lines instead of SLF4J (for example `println`, or Android's `Log`); null (the default):
     * SLF4J. Lines never contain the API key or any header.
     */
    public var logger: ((String) -> Unit)? = null

    /** Sets [logger] from a Java `Consumer`. */
    public fun logger(logger: Consumer<String>): LlamaCloudChatConfig = apply { this.logger = logger::accept }

    /** The SDK's log levels: [dev.llamachat.ktor.LogLevel] (a Java enum, so that Java sees a plain one). */
    public typealias LogLevel = dev.llamachat.ktor.LogLevel

    /**
     * The HTTP or SOCKS proxy for the engine this SDK creates, for example
     * `Proxy(Proxy.Type.HTTP, InetSocketAddress("proxy.example.com", 3128))`; null (the default): a direct
     * connection. See [proxyUsername] for a proxy that requires credentials.
     */
    public var proxy: Proxy? = null

    /**
     * The user name for a [proxy] that requires Basic credentials (it answers 407); set with [proxyPassword].
     * Sent only to the proxy, only when it asks. Needs the OkHttp engine (the default).
     */
    public var proxyUsername: String? = null

    /** The password for [proxyUsername]; never shown by any `toString`, message or log line. */
    public var proxyPassword: String? = null

    /**
     * The TLS socket factory for the engine this SDK creates (a private CA, client certificates, pinning), set
     * together with the [trustManager] it checks certificates with; null: the JVM's defaults. Needs OkHttp.
     */
    public var sslSocketFactory: SSLSocketFactory? = null

    /**
     * The trust manager that checks the server's certificate chain: with [sslSocketFactory] on OkHttp, or alone
     * (OkHttp builds the socket factory from it; CIO takes it as its TLS trust manager).
     */
    public var trustManager: X509TrustManager? = null

    /**
     * The most requests (streams included) the created engine runs at once, per host and in all; default 1000.
     * OkHttp's own default of 5 per host would queue streams behind long-running turns.
     */
    public var maxConnections: Int = 1000

    /** Idle connections the created engine keeps for reuse; default 32. Ignored by CIO, which does not pool. */
    public var maxIdleConnections: Int = 32

    /** How long an idle connection is kept for reuse; default 5 minutes. Ignored by CIO. */
    public var keepAlive: Duration = 5.minutes

    /** Sets [proxy] with Basic credentials ([proxyUsername], [proxyPassword]). */
    public fun proxy(proxy: Proxy, username: String, password: String): LlamaCloudChatConfig = apply {
        this.proxy = proxy
        proxyUsername = username
        proxyPassword = password
    }

    /** Sets TLS from an `SSLContext` and the trust manager it was initialized with. */
    public fun tls(sslContext: SSLContext, trustManager: X509TrustManager): LlamaCloudChatConfig = apply {
        sslSocketFactory = sslContext.socketFactory
        this.trustManager = trustManager
    }

    /** Sets [keepAlive] from a `java.time.Duration`. */
    public fun keepAlive(keepAlive: java.time.Duration): LlamaCloudChatConfig = apply { this.keepAlive = keepAlive.toKotlinDuration() }

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
     * Reads the environment: [apiKey] from `LLAMA_CLOUD_API_KEY` (else `LLAMA_PARSE_API_KEY`), [baseUrl] from
     * `LLAMA_CLOUD_BASE_URL` and [logLevel] from `LLAMA_CLOUD_LOG`, each only if set and not blank; other settings
     * are left as they are. (`LLAMA_CLOUD_LOG` applies to every client whose [logLevel] is not set, read or not.)
     */
    public fun loadEnvironment(env: Map<String, String> = System.getenv()) {
        Environment.apiKey(env)?.let { apiKey = it }
        Environment.baseUrl(env)?.let { baseUrl = it }
        Environment.logLevel(env)?.let { logLevel = it }
    }

    override fun toString(): String =
        "LlamaCloudChatConfig(baseUrl=$baseUrl, apiKey=${if (apiKey.isNullOrBlank()) "<unset>" else "<set>"}, " +
            "organizationId=$organizationId, projectId=$projectId, maxRetries=$maxRetries)"

    public companion object {
        /** The default [maxEventBytes]: 16 MiB. */
        public const val DEFAULT_MAX_EVENT_BYTES: Int = 16 shl 20
    }
}

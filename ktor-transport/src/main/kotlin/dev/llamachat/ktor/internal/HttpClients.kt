package dev.llamachat.ktor.internal

import dev.llamachat.ktor.LlamaCloudChatConfig
import io.ktor.client.HttpClient
import io.ktor.client.HttpClientConfig
import io.ktor.client.engine.HttpClientEngineConfig
import io.ktor.client.engine.HttpClientEngineFactory
import io.ktor.client.engine.cio.CIOEngineConfig
import io.ktor.client.engine.okhttp.OkHttp
import io.ktor.client.engine.okhttp.OkHttpConfig
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import okhttp3.ConnectionPool
import okhttp3.Dispatcher
import io.ktor.client.plugins.HttpTimeout
import io.ktor.client.plugins.HttpTimeoutConfig

/**
 * The client a [dev.llamachat.ktor.LlamaCloudChat] talks through, and whether closing the chat closes it.
 * Clients derived with other call options share it (and its connection pool).
 */
internal class ClientHandle(val client: HttpClient, private val owned: Boolean) {
    private val closedFlag = AtomicBoolean(false)

    val closed: Boolean get() = closedFlag.get()

    /** Refuses new calls; closes the client if this SDK created it. Idempotent. */
    fun close() {
        if (closedFlag.compareAndSet(false, true) && owned) client.close()
    }
}

/**
 * Creates the HTTP client: the caller's own as it is, or one this SDK configures around the caller's engine or
 * a new engine: OkHttp by default. BENCHMARKS.md chose it by measurement: it reuses one connection for sequential
 * calls (Ktor 3.5's CIO opens a new one for every POST, i.e. every turn: a TCP and TLS handshake each), has the
 * SDK's best first-event time, and streams at least as fast as CIO; it is also Android's usual HTTP client.
 */
internal object HttpClients {
    /**
     * Enough for hundreds of concurrent streams on one client: OkHttp's dispatcher allows 5 calls per host and
     * CIO 100 per route by default, and would queue the rest behind long-running turns.
     */
    const val MAX_CONNECTIONS: Int = 1000

    /** Idle connections OkHttp keeps for reuse (its default is 5). */
    private const val IDLE_CONNECTIONS = 32

    fun create(config: LlamaCloudChatConfig, settings: ClientSettings): ClientHandle {
        config.httpClient?.let { return ClientHandle(it, owned = false) }
        // A client around a caller's engine does not close that engine (Ktor's manageEngine = false).
        config.engine?.let { engine -> return ClientHandle(HttpClient(engine) { configure(settings) }, owned = true) }
        return ClientHandle(create(config.engineFactory ?: OkHttp, settings), owned = true)
    }

    private fun <T : HttpClientEngineConfig> create(factory: HttpClientEngineFactory<T>, settings: ClientSettings): HttpClient =
        HttpClient(factory) {
            engine {
                if (this is OkHttpConfig) {
                    config {
                        dispatcher(Dispatcher().apply {
                            maxRequests = MAX_CONNECTIONS
                            maxRequestsPerHost = MAX_CONNECTIONS
                        })
                        // Idle connections are kept for the next turn, as many as a burst of streams opened.
                        connectionPool(ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                        // An SSE stream must not be transparently retried by OkHttp itself; the SDK decides.
                        retryOnConnectionFailure(false)
                    }
                }
                if (this is CIOEngineConfig) {
                    // CIO's own 15 s request timeout would end long turns; this SDK applies its own timeouts.
                    requestTimeout = 0
                    maxConnectionsCount = MAX_CONNECTIONS
                    endpoint.maxConnectionsPerRoute = MAX_CONNECTIONS
                    endpoint.connectTimeout = settings.connectTimeout.inWholeMilliseconds
                }
            }
            configure(settings)
        }

    private fun HttpClientConfig<*>.configure(settings: ClientSettings) {
        // Error statuses are mapped by the SDK; a redirect means a wrong base URL, and following it could carry
        // the key elsewhere.
        expectSuccess = false
        followRedirects = false
        install(HttpTimeout) {
            connectTimeoutMillis = settings.connectTimeout.inWholeMilliseconds
            // No socket or request timeout: a stream is bounded by its idle timeout, any other call by the
            // request timeout, both applied by the SDK (engines such as OkHttp default to a 10 s read timeout).
            socketTimeoutMillis = HttpTimeoutConfig.INFINITE_TIMEOUT_MS
        }
    }
}

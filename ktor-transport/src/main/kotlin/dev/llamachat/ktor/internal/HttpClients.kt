package dev.llamachat.ktor.internal

import dev.llamachat.ktor.LlamaCloudChatConfig
import io.ktor.client.HttpClient
import io.ktor.client.HttpClientConfig
import io.ktor.client.engine.HttpClientEngineConfig
import io.ktor.client.engine.HttpClientEngineFactory
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.cio.CIOEngineConfig
import io.ktor.client.plugins.HttpTimeout
import io.ktor.client.plugins.HttpTimeoutConfig

/** The client a [dev.llamachat.ktor.LlamaCloudChat] talks through, and whether closing the chat closes it. */
internal class ClientHandle(val client: HttpClient, val owned: Boolean)

/**
 * Creates the HTTP client: the caller's own as it is, or one this SDK configures around the caller's engine or
 * a new engine (CIO by default).
 */
internal object HttpClients {
    /**
     * Enough for hundreds of concurrent streams on one client: CIO's default of 100 per route would queue the
     * rest. CIO holds a connection per call (it never pools POST or DELETE), so this bounds open sockets too.
     */
    const val MAX_CONNECTIONS: Int = 1000

    fun create(config: LlamaCloudChatConfig, settings: ClientSettings): ClientHandle {
        config.httpClient?.let { return ClientHandle(it, owned = false) }
        // A client around a caller's engine does not close that engine (Ktor's manageEngine = false).
        config.engine?.let { engine -> return ClientHandle(HttpClient(engine) { configure(settings) }, owned = true) }
        return ClientHandle(create(config.engineFactory ?: CIO, settings), owned = true)
    }

    private fun <T : HttpClientEngineConfig> create(factory: HttpClientEngineFactory<T>, settings: ClientSettings): HttpClient =
        HttpClient(factory) {
            engine {
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

package dev.llamachat.ktor.internal

import dev.llamachat.ktor.LlamaCloudChatConfig
import java.net.Proxy
import javax.net.ssl.SSLSocketFactory
import javax.net.ssl.X509TrustManager
import kotlin.time.Duration

/**
 * How the engine this SDK creates connects: proxy, TLS and pool limits, validated from a [LlamaCloudChatConfig].
 * They configure OkHttp (the default engine) fully; CIO takes the proxy, the trust manager and the connection
 * limit. They cannot reach a caller's own client or engine, so setting them with one is refused.
 */
internal class ConnectionSettings private constructor(
    val proxy: Proxy?,
    val proxyCredentials: Pair<String, String>?,
    val sslSocketFactory: SSLSocketFactory?,
    val trustManager: X509TrustManager?,
    val maxConnections: Int,
    val maxIdleConnections: Int,
    val keepAlive: Duration,
) {
    companion object {
        fun from(config: LlamaCloudChatConfig): ConnectionSettings {
            val customized = config.proxy != null || config.proxyUsername != null || config.sslSocketFactory != null ||
                config.trustManager != null || config.maxConnections != DEFAULT.maxConnections ||
                config.maxIdleConnections != DEFAULT.maxIdleConnections || config.keepAlive != DEFAULT.keepAlive
            require(!customized || (config.httpClient == null && config.engine == null)) {
                "proxy, TLS and connection-pool settings apply to the engine this SDK creates; configure your own " +
                    "httpClient or engine directly instead"
            }
            require((config.proxyUsername == null) == (config.proxyPassword == null)) { "Set both proxyUsername and proxyPassword, or neither" }
            require(config.proxyUsername == null || config.proxy != null) { "proxyUsername needs a proxy" }
            require(config.sslSocketFactory == null || config.trustManager != null) {
                "sslSocketFactory needs the trustManager it uses (OkHttp checks certificates with it)"
            }
            require(config.maxConnections in 1..MAX_CONNECTIONS_LIMIT) { "maxConnections must be in 1..$MAX_CONNECTIONS_LIMIT, was ${config.maxConnections}" }
            require(config.maxIdleConnections >= 0) { "maxIdleConnections must not be negative, was ${config.maxIdleConnections}" }
            require(config.keepAlive.isPositive()) { "keepAlive must be positive, was ${config.keepAlive}" }
            return ConnectionSettings(
                proxy = config.proxy,
                proxyCredentials = config.proxyUsername?.let { it to checkNotNull(config.proxyPassword) },
                sslSocketFactory = config.sslSocketFactory,
                trustManager = config.trustManager,
                maxConnections = config.maxConnections,
                maxIdleConnections = config.maxIdleConnections,
                keepAlive = config.keepAlive,
            )
        }

        private const val MAX_CONNECTIONS_LIMIT = 100_000

        /** The defaults, as [LlamaCloudChatConfig] has them. */
        private val DEFAULT = LlamaCloudChatConfig()
    }
}

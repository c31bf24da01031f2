package dev.llamachat.java.internal

import dev.llamachat.java.LlamaCloudChatClient
import dev.llamachat.java.LlamaCloudChatClientAsync
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.ktor.LlamaCloudChatConfig
import java.net.Proxy
import java.time.Duration
import java.util.concurrent.Executor
import javax.net.ssl.SSLSocketFactory
import javax.net.ssl.X509TrustManager
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher

/** What [dev.llamachat.java.ClientBuilder] collects; null means the transport's default. */
internal class ClientSettings {
    var loadEnvironment = false
    var apiKey: String? = null
    var baseUrl: String? = null
    var organizationId: String? = null
    var projectId: String? = null
    var connectTimeout: Duration? = null
    var requestTimeout: Duration? = null
    var streamIdleTimeout: Duration? = null
    var maxRetries: Int? = null
    val defaultHeaders = LinkedHashMap<String, String>()
    var allowInsecureHttp: Boolean? = null
    var maxEventBytes: Int? = null
    var skipFinalText: Boolean? = null
    var executor: Executor? = null
    var proxy: Proxy? = null
    var proxyUsername: String? = null
    var proxyPassword: String? = null
    var sslSocketFactory: SSLSocketFactory? = null
    var trustManager: X509TrustManager? = null
    var maxConnections: Int? = null
    var maxIdleConnections: Int? = null
    var keepAlive: Duration? = null
    var logLevel: LlamaCloudChatConfig.LogLevel? = null

    // Never the key: a settings object may end up in a debugger's or a log's view.
    override fun toString(): String = "ClientSettings(baseUrl=$baseUrl, projectId=$projectId)"
}

/** Where the Java interfaces' static factories land: each makes one [ClientCore] and returns one of its faces. */
internal object ClientFactory {
    /** A blocking client made from [settings]; it owns its HTTP client. */
    @JvmStatic
    fun blocking(settings: ClientSettings): LlamaCloudChatClient = create(settings).blocking

    /** An asynchronous client made from [settings]; it owns its HTTP client. */
    @JvmStatic
    fun async(settings: ClientSettings): LlamaCloudChatClientAsync = create(settings).async

    /** Both faces of a Kotlin client its caller keeps owning; [executor] null means Dispatchers.IO. */
    @JvmStatic
    fun wrap(chat: LlamaCloudChat, executor: Executor?): ClientCore = ClientCore(chat, null, dispatcherFor(executor))

    private fun create(settings: ClientSettings): ClientCore {
        val chat = createClient(settings)
        return ClientCore(chat, chat, dispatcherFor(settings.executor))
    }

    private fun dispatcherFor(executor: Executor?): CoroutineDispatcher =
        executor?.asCoroutineDispatcher() ?: Dispatchers.IO
}

/**
 * The Kotlin client for [settings]: the environment first (if asked), then every value set explicitly, validated
 * by the transport (its [IllegalArgumentException] names the bad setting).
 */
private fun createClient(settings: ClientSettings): LlamaCloudChat {
    val config = LlamaCloudChatConfig()
    if (settings.loadEnvironment) config.loadEnvironment()
    settings.apiKey?.let { config.apiKey = it }
    settings.baseUrl?.let { config.baseUrl = it }
    settings.organizationId?.let { config.organizationId = it }
    settings.projectId?.let { config.projectId = it }
    settings.connectTimeout?.let { config.connectTimeout(it) }
    settings.requestTimeout?.let { config.requestTimeout(it) }
    settings.streamIdleTimeout?.let { config.streamIdleTimeout(it) }
    settings.maxRetries?.let { config.maxRetries = it }
    config.defaultHeaders.putAll(settings.defaultHeaders)
    settings.allowInsecureHttp?.let { config.allowInsecureHttp = it }
    settings.maxEventBytes?.let { config.maxEventBytes = it }
    settings.skipFinalText?.let { config.skipFinalText = it }
    config.proxy = settings.proxy
    config.proxyUsername = settings.proxyUsername
    config.proxyPassword = settings.proxyPassword
    config.sslSocketFactory = settings.sslSocketFactory
    config.trustManager = settings.trustManager
    settings.maxConnections?.let { config.maxConnections = it }
    settings.maxIdleConnections?.let { config.maxIdleConnections = it }
    settings.keepAlive?.let { config.keepAlive(it) }
    settings.logLevel?.let { config.logLevel = it }
    // Checked here too so that the message names the Java builder, not the Kotlin client's factories.
    require(!config.apiKey.isNullOrBlank()) {
        "No API key: call apiKey(...) on the builder, or set LLAMA_CLOUD_API_KEY (or LLAMA_PARSE_API_KEY) and use " +
            "LlamaCloudChatClient.fromEnv() or builder().fromEnv()."
    }
    return LlamaCloudChat.create(config)
}

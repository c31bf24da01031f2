package dev.llamachat.java.internal

import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.ktor.LlamaCloudChatConfig
import io.ktor.client.HttpClient
import java.time.Duration
import java.util.concurrent.Executor

/** What [dev.llamachat.java.LlamaCloudChatAsync.Builder] collects; null means the transport's default. */
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
    var httpClient: HttpClient? = null
    var executor: Executor? = null
}

/**
 * The Kotlin client for [settings]: the environment first (if asked), then every value set explicitly, validated
 * by the transport (its [IllegalArgumentException] names the bad setting).
 */
internal fun createClient(settings: ClientSettings): LlamaCloudChat {
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
    settings.httpClient?.let { config.httpClient = it }
    // Checked here too so that the message names this builder, not the Kotlin client's factories.
    require(!config.apiKey.isNullOrBlank()) {
        "No API key: call apiKey(...) on the builder, or set LLAMA_CLOUD_API_KEY (or LLAMA_PARSE_API_KEY) and use " +
            "LlamaCloudChatAsync.fromEnv() or builder().fromEnv()."
    }
    return LlamaCloudChat.create(config)
}

package dev.llamachat.java.internal

import dev.llamachat.ktor.LlamaCloudChat
import io.ktor.client.HttpClient
import java.time.Duration
import java.util.concurrent.Executor
import kotlin.time.toKotlinDuration

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

/** The Kotlin client for [settings]: the environment first (if asked), then every value set explicitly. */
internal fun createClient(settings: ClientSettings): LlamaCloudChat = LlamaCloudChat {
    if (settings.loadEnvironment) loadEnvironment()
    settings.apiKey?.let { apiKey = it }
    settings.baseUrl?.let { baseUrl = it }
    settings.organizationId?.let { organizationId = it }
    settings.projectId?.let { projectId = it }
    settings.connectTimeout?.let { connectTimeout = it.toKotlinDuration() }
    settings.requestTimeout?.let { requestTimeout = it.toKotlinDuration() }
    settings.streamIdleTimeout?.let { streamIdleTimeout = it.toKotlinDuration() }
    settings.maxRetries?.let { maxRetries = it }
    if (settings.defaultHeaders.isNotEmpty()) defaultHeaders = defaultHeaders + settings.defaultHeaders
    settings.allowInsecureHttp?.let { allowInsecureHttp = it }
    settings.maxEventBytes?.let { maxEventBytes = it }
    settings.httpClient?.let { httpClient = it }
}

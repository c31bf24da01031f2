package dev.llamachat.ktor.internal

import dev.llamachat.internal.Arguments
import dev.llamachat.ktor.LlamaCloudChatConfig
import dev.llamachat.ktor.LlamaCloudChatConfig.LogLevel
import kotlin.time.Duration

/**
 * A validated, immutable snapshot of a [LlamaCloudChatConfig], taken when the client is created: later changes
 * to the config do not reach a running client, and every setting is checked once, with a message naming it.
 */
internal class ClientSettings private constructor(
    val apiKey: String,
    val baseUrl: String,
    val organizationId: String?,
    val projectId: String?,
    val connectTimeout: Duration,
    val requestTimeout: Duration,
    val streamIdleTimeout: Duration,
    val maxRetries: Int,
    val defaultHeaders: Map<String, String>,
    val maxEventBytes: Int,
    val skipFinalText: Boolean,
    val connection: ConnectionSettings,
    val logger: ((String) -> Unit)?,
    val logLevel: LogLevel,
    val timing: Timing,
) {
    override fun toString(): String = "ClientSettings(baseUrl=$baseUrl, apiKey=<redacted>)"

    companion object {
        /** The most retries accepted; more would only hide an outage behind minutes of waiting. */
        const val MAX_RETRIES_LIMIT: Int = 10

        /** Headers the client owns: the key, and what describes the body it sends. */
        private val RESERVED_HEADERS = setOf("authorization", "content-type", "content-length", "host", "transfer-encoding")
        private val TOKEN = Regex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

        fun from(config: LlamaCloudChatConfig, timing: Timing): ClientSettings {
            val apiKey = config.apiKey?.trim()
            require(!apiKey.isNullOrEmpty()) {
                "No API key: set apiKey, or the ${Environment.API_KEY} (or ${Environment.PARSE_API_KEY}) " +
                    "environment variable and use LlamaCloudChat.fromEnv()."
            }
            // The key is never echoed: only where it is wrong.
            require(apiKey.all { it in '!'..'~' }) { "The API key contains whitespace or non-ASCII characters; check how it was copied." }
            val clients = listOfNotNull(config.httpClient, config.engine, config.engineFactory).size
            require(clients <= 1) { "Set at most one of httpClient, engine and engineFactory." }
            checkMaxRetries(config.maxRetries)
            require(config.maxEventBytes > 0) { "maxEventBytes must be positive, was ${config.maxEventBytes}" }
            positive("connectTimeout", config.connectTimeout)
            positive("requestTimeout", config.requestTimeout)
            positive("streamIdleTimeout", config.streamIdleTimeout)
            config.defaultHeaders.forEach { (name, value) -> checkHeader("defaultHeaders", name, value) }
            return ClientSettings(
                apiKey = apiKey,
                baseUrl = BaseUrls.normalize(config.baseUrl, config.allowInsecureHttp),
                organizationId = Arguments.uuid("organizationId", config.organizationId),
                projectId = Arguments.uuid("projectId", config.projectId),
                connectTimeout = config.connectTimeout,
                requestTimeout = config.requestTimeout,
                streamIdleTimeout = config.streamIdleTimeout,
                maxRetries = config.maxRetries,
                defaultHeaders = LinkedHashMap(config.defaultHeaders),
                maxEventBytes = config.maxEventBytes,
                skipFinalText = config.skipFinalText,
                connection = ConnectionSettings.from(config),
                logger = config.logger,
                // A sink set in code wants the lines; otherwise only LLAMA_CLOUD_LOG switches them on.
                logLevel = config.logLevel ?: Environment.logLevel(System.getenv()) ?: if (config.logger != null) LogLevel.DEBUG else LogLevel.OFF,
                timing = timing,
            )
        }

        fun positive(name: String, value: Duration) {
            require(value.isPositive()) { "$name must be positive, was $value" }
        }

        fun checkMaxRetries(maxRetries: Int) {
            require(maxRetries in 0..MAX_RETRIES_LIMIT) { "maxRetries must be in 0..$MAX_RETRIES_LIMIT, was $maxRetries" }
        }

        /** A header the caller adds: a valid name, not one the client owns, no line break in the value. */
        fun checkHeader(where: String, name: String, value: String) {
            require(TOKEN.matches(name)) { "$where: '$name' is not a valid header name" }
            require(name.lowercase() !in RESERVED_HEADERS) {
                "$where must not set $name" + if (name.equals("authorization", true)) "; set apiKey instead" else ""
            }
            require(value.none { it == '\r' || it == '\n' }) { "$where: the value of $name contains a line break" }
        }
    }
}

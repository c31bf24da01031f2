package dev.llamachat.ktor.internal

import dev.llamachat.ktor.LlamaCloudChatConfig.LogLevel

/** The environment variables [dev.llamachat.ktor.LlamaCloudChatConfig.loadEnvironment] reads. */
internal object Environment {
    const val API_KEY: String = "LLAMA_CLOUD_API_KEY"

    /** LlamaParse's name for the same key; many LlamaCloud users already have it set. */
    const val PARSE_API_KEY: String = "LLAMA_PARSE_API_KEY"

    const val BASE_URL: String = "LLAMA_CLOUD_BASE_URL"

    /** `off`, `warn`, `info` or `debug` (any case), as the official SDKs read it; anything else is ignored. */
    const val LOG: String = "LLAMA_CLOUD_LOG"

    fun apiKey(env: Map<String, String>): String? = env.nonBlank(API_KEY) ?: env.nonBlank(PARSE_API_KEY)

    fun baseUrl(env: Map<String, String>): String? = env.nonBlank(BASE_URL)

    fun logLevel(env: Map<String, String>): LogLevel? =
        env.nonBlank(LOG)?.let { value -> LogLevel.entries.firstOrNull { it.name.equals(value, ignoreCase = true) } }

    private fun Map<String, String>.nonBlank(name: String): String? = this[name]?.trim()?.takeIf { it.isNotEmpty() }
}

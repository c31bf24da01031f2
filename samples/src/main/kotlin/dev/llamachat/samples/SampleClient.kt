package dev.llamachat.samples

import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.testkit.LocalLlamaCloud
import java.io.Closeable
import java.io.PrintStream
import java.time.Duration

/**
 * Where a sample's calls go: the real LlamaCloud when an API key is set, otherwise a [LocalLlamaCloud] started in
 * this process, so every sample runs offline (its agent is scripted, its answers deterministic).
 *
 * Environment: `LLAMA_CLOUD_API_KEY` (else `LLAMA_PARSE_API_KEY`) and `LLAMA_CLOUD_BASE_URL` configure the real
 * client; `LLAMA_CLOUD_INDEX_ID` names the index to chat with (default `idx-demo`, the local server's quarterly
 * reports).
 *
 * ```kotlin
 * SampleClient.open().use { client -> client.chat.startSession(indexIds = listOf(client.indexId)) }
 * ```
 *
 * @property chat the client; closed with this.
 * @property environment what [chat] was configured from with `loadEnvironment`: the process's environment, or,
 *   for the local server, one that names its URL and a placeholder key. Samples that build their own client use it.
 * @property indexId the index the samples bind their sessions to.
 * @property local the in-process server, or null when talking to the real service.
 */
public class SampleClient private constructor(
    public val chat: LlamaCloudChat,
    public val environment: Map<String, String>,
    public val indexId: String,
    public val local: LocalLlamaCloud?,
) : Closeable {
    /** Closes the client, then the local server if one was started. */
    override fun close() {
        try {
            chat.close()
        } finally {
            local?.close()
        }
    }

    public companion object {
        /** The index the samples use unless `LLAMA_CLOUD_INDEX_ID` names another. */
        public const val DEFAULT_INDEX_ID: String = "idx-demo"

        /** How long the local server pauses before each streamed delta, so that answers visibly stream. */
        public val DEFAULT_TOKEN_DELAY: Duration = Duration.ofMillis(20)

        /**
         * Connects as [env] says. Without an API key, starts a [LocalLlamaCloud] on a free loopback port and says so
         * in one line on [out].
         * @throws IllegalArgumentException if the environment's settings are invalid (for example the base URL).
         */
        @JvmStatic
        @JvmOverloads
        public fun open(
            env: Map<String, String> = System.getenv(),
            out: PrintStream = System.out,
            tokenDelay: Duration = DEFAULT_TOKEN_DELAY,
        ): SampleClient {
            val indexId = env["LLAMA_CLOUD_INDEX_ID"]?.trim()?.takeIf { it.isNotEmpty() } ?: DEFAULT_INDEX_ID
            val hasKey = KEY_VARIABLES.any { !env[it].isNullOrBlank() }
            if (hasKey) return SampleClient(LlamaCloudChat { loadEnvironment(env) }, env, indexId, null)

            val local = LocalLlamaCloud.builder().tokenDelay(tokenDelay).start()
            try {
                // The local server accepts any key; the client insists on having one.
                val localEnv = mapOf("LLAMA_CLOUD_API_KEY" to "local", "LLAMA_CLOUD_BASE_URL" to local.baseUrl)
                val chat = LlamaCloudChat { loadEnvironment(localEnv) }
                out.println("No LLAMA_CLOUD_API_KEY set: using a local LlamaCloud (testkit) at ${local.baseUrl}.")
                return SampleClient(chat, localEnv, indexId, local)
            } catch (e: Throwable) {
                local.close()
                throw e
            }
        }

        private val KEY_VARIABLES = listOf("LLAMA_CLOUD_API_KEY", "LLAMA_PARSE_API_KEY")
    }
}

package dev.llamachat.benchmarks.clients

import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import kotlinx.coroutines.future.await

/**
 * The SDK's Java API: `LlamaCloudChatClientAsync.stream(...)`, a `java.util.concurrent.Flow.Publisher`, with a
 * subscriber that requests everything at once (`request(Long.MAX_VALUE)`); see [JavaApiTurns.publisherTurn]. With
 * [threadsPerCore], on the fixed pool the SDK's Javadoc recommends for many streams at once, instead of the default
 * (`Dispatchers.IO`).
 */
internal class SdkPublisherClient(baseUrl: String, apiKey: String, maxEventBytes: Int, threadsPerCore: Int? = null) : StreamClient {
    private val pool: ExecutorService? = threadsPerCore?.let { perCore ->
        Executors.newFixedThreadPool(perCore * Runtime.getRuntime().availableProcessors()) { task ->
            Thread(task, "publisher-pool").apply { isDaemon = true }
        }
    }
    private val chat = if (pool == null) JavaApiTurns.client(baseUrl, apiKey, maxEventBytes)
    else JavaApiTurns.client(baseUrl, apiKey, maxEventBytes, pool)
    override val name: String = "SDK Java Flow.Publisher" + if (threadsPerCore == null) "" else ", executor of $threadsPerCore threads per core"
    override val concurrent: Boolean get() = true

    override suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int =
        JavaApiTurns.publisherTurn(chat, sessionId, prompt, onFirstEvent, onEvent).await()

    override fun close() {
        chat.close()
        pool?.shutdown() // the SDK never shuts down an executor it was given
    }
}

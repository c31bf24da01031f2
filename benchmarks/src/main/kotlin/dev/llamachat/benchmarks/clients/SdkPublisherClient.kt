package dev.llamachat.benchmarks.clients

import kotlinx.coroutines.future.await

/**
 * The SDK's Java API: `LlamaCloudChatClientAsync.stream(...)`, a `java.util.concurrent.Flow.Publisher`, with a
 * subscriber that requests everything at once (`request(Long.MAX_VALUE)`); see [JavaApiTurns.publisherTurn].
 */
internal class SdkPublisherClient(baseUrl: String, apiKey: String, maxEventBytes: Int) : StreamClient {
    private val chat = JavaApiTurns.client(baseUrl, apiKey, maxEventBytes)
    override val name: String = "SDK Java Flow.Publisher"
    override val concurrent: Boolean get() = true

    override suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int =
        JavaApiTurns.publisherTurn(chat, sessionId, prompt, onFirstEvent, onEvent).await()

    override fun close() = chat.close()
}

package dev.llamachat.benchmarks.clients

/**
 * The SDK's blocking Java API: `LlamaCloudChatClient.stream(...)`, an `EventStream` read in a for loop on
 * the calling thread; see [JavaApiTurns.blockingTurn].
 */
internal class SdkBlockingClient(baseUrl: String, apiKey: String, maxEventBytes: Int) : StreamClient {
    private val chat = JavaApiTurns.client(baseUrl, apiKey, maxEventBytes)
    override val name: String = "SDK Java blocking EventStream"
    override val concurrent: Boolean get() = true
    override val blocksThread: Boolean get() = true

    override suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int =
        JavaApiTurns.blockingTurn(chat, sessionId, prompt, onFirstEvent, onEvent)

    override fun close() = chat.close()
}

package dev.llamachat.benchmarks.clients

import dev.llamachat.ChatEvent
import dev.llamachat.java.LlamaCloudChatAsync
import dev.llamachat.java.StreamParams

/** The SDK's blocking Java API: `LlamaCloudChatAsync.streamBlocking(...)`, an `EventStream` read in a for loop. */
internal class SdkBlockingClient(baseUrl: String, apiKey: String, maxEventBytes: Int) : StreamClient {
    private val chat = LlamaCloudChatAsync.builder().baseUrl(baseUrl).apiKey(apiKey).maxEventBytes(maxEventBytes).build()
    override val name: String = "SDK Java blocking EventStream"

    override suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int {
        var events = 0
        var chars = 0L
        chat.streamBlocking(sessionId, StreamParams.builder().prompt(prompt).build()).use { stream ->
            for (event in stream) {
                if (events == 0) onFirstEvent()
                events++
                onEvent?.invoke(event.type)
                if (event is ChatEvent.TextDelta) chars += event.content.length
            }
        }
        ContentSink.chars += chars
        return events
    }

    override fun close() = chat.close()
}

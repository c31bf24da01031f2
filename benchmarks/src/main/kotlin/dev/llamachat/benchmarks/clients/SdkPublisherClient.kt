package dev.llamachat.benchmarks.clients

import dev.llamachat.ChatEvent
import dev.llamachat.java.LlamaCloudChatAsync
import dev.llamachat.java.StreamParams
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Flow
import kotlinx.coroutines.future.await

/**
 * The SDK's Java API: `LlamaCloudChatAsync.stream(...)`, a `java.util.concurrent.Flow.Publisher`, with a
 * subscriber that requests everything at once (`request(Long.MAX_VALUE)`) and counts on its `onNext`.
 */
internal class SdkPublisherClient(baseUrl: String, apiKey: String, maxEventBytes: Int) : StreamClient {
    private val chat = LlamaCloudChatAsync.builder().baseUrl(baseUrl).apiKey(apiKey).maxEventBytes(maxEventBytes).build()
    override val name: String = "SDK Java Flow.Publisher"
    override val concurrent: Boolean get() = true

    override suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int {
        val done = CompletableFuture<Int>()
        chat.stream(sessionId, StreamParams.builder().prompt(prompt).build()).subscribe(object : Flow.Subscriber<ChatEvent> {
            private var events = 0
            private var chars = 0L

            override fun onSubscribe(subscription: Flow.Subscription) = subscription.request(Long.MAX_VALUE)

            override fun onNext(item: ChatEvent) {
                if (events == 0) onFirstEvent()
                events++
                onEvent?.invoke(item.type)
                if (item is ChatEvent.TextDelta) chars += item.content.length
            }

            override fun onError(throwable: Throwable) {
                done.completeExceptionally(throwable)
            }

            override fun onComplete() {
                ContentSink.chars += chars
                done.complete(events)
            }
        })
        return done.await()
    }

    override fun close() = chat.close()
}

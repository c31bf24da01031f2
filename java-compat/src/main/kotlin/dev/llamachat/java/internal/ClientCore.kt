package dev.llamachat.java.internal

import dev.llamachat.java.LlamaCloudChatClient
import dev.llamachat.java.LlamaCloudChatClientAsync
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.ktor.RequestOptions
import java.io.Closeable
import java.util.concurrent.atomic.AtomicBoolean
import kotlinx.coroutines.CoroutineDispatcher

/**
 * What a blocking client and its asynchronous twin share: the Kotlin client, the coroutine scope their calls run
 * in, and the close. Both faces are made here, once, so `client.async().sync()` is `client` again and closing
 * either face closes this exactly once.
 */
internal class ClientCore(
    val api: LlamaCloudChat,
    /** The HTTP client this core made and must close, or null for a wrapped client its creator keeps. */
    private val owned: Closeable?,
    private val dispatcher: CoroutineDispatcher,
    /** The core this one was derived from by [withOptions]: closing it cancels this one's calls too. */
    parent: ClientCore? = null,
) {
    val bridge: CoroutineBridge = CoroutineBridge(dispatcher, parent?.bridge)
    private val closed = AtomicBoolean()

    /** The Java parameter objects as [api]'s calls, shared by the four faces below. */
    val calls: JavaCalls = JavaCalls(api)

    val blocking: LlamaCloudChatClient = BlockingChatClient(this)
    val async: LlamaCloudChatClientAsync = AsyncChatClient(this)
    val blockingRaw: LlamaCloudChatClient.WithRawResponse = BlockingRawResponses(this)
    val asyncRaw: LlamaCloudChatClientAsync.WithRawResponse = AsyncRawResponses(this)

    /**
     * A core whose calls carry [options], on the same HTTP client (connection pool) and executor; it owns nothing
     * of them, so closing it only cancels its own calls.
     */
    fun withOptions(options: RequestOptions): ClientCore = ClientCore(api.withOptions(options), null, dispatcher, this)

    /** Cancels every running call and stream, then closes the owned HTTP client. Idempotent. */
    fun close() {
        if (!closed.compareAndSet(false, true)) return
        bridge.close()
        owned?.close()
    }

    override fun toString(): String = api.toString()
}

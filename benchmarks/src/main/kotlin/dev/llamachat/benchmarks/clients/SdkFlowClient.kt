package dev.llamachat.benchmarks.clients

import dev.llamachat.ChatEvent
import dev.llamachat.ktor.LlamaCloudChat
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow

/**
 * The SDK's Kotlin API: `LlamaCloudChat.stream(...)` collected in the caller's coroutine, on [sdkEngine].
 * [maxEventBytes] is raised above the 1 MiB default because a `bench:200000` turn ends in a `text` event of about
 * 1.8 MB (the whole answer), which the default limit rejects. Its pool keeps [POOLED_CONNECTIONS] idle
 * connections, as the okhttp-sse reference's does.
 *
 * With [onIo], the turn is collected in a coroutine on `Dispatchers.IO` that starts on the caller's thread (it sends
 * the request there) and goes on on IO, as the Java Publisher's collection does on its default executor: the Kotlin
 * path on the threads the Publisher uses, so the two can be told apart from the pool they run on.
 */
internal class SdkFlowClient(
    baseUrl: String,
    apiKey: String,
    private val sdkEngine: SdkEngine,
    maxEventBytes: Int,
    skipFinalText: Boolean = false,
    private val onIo: Boolean = false,
) : StreamClient {
    private var ownedEngine: AutoCloseable? = null
    private val chat = LlamaCloudChat {
        this.baseUrl = baseUrl
        this.apiKey = apiKey
        this.maxEventBytes = maxEventBytes
        this.skipFinalText = skipFinalText
        ownedEngine = sdkEngine.applyTo(this)
        // The pool okhttp-sse gets (OkHttpSseClient.MAX_STREAMS): 200 streams' connections stay for the next round.
        if (ownedEngine == null) maxIdleConnections = POOLED_CONNECTIONS
    }
    override val name: String =
        "SDK Kotlin Flow (${sdkEngine.label}${if (skipFinalText) ", skipFinalText" else ""}${if (onIo) ", collected on Dispatchers.IO" else ""})"
    override val concurrent: Boolean get() = true

    override suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int {
        val turn = chat.stream(sessionId, prompt, emptyList())
        if (!onIo) return turn.collectTurn(onEvent, onFirstEvent)
        return coroutineScope {
            async(Dispatchers.IO, start = CoroutineStart.UNDISPATCHED) { turn.collectTurn(onEvent, onFirstEvent) }.await()
        }
    }

    override fun close() {
        chat.close()
        ownedEngine?.close()
    }
}

/** Idle connections every pooled client of the comparison keeps, so that 200 streams find theirs in the next round. */
internal const val POOLED_CONNECTIONS: Int = 512

/** Collects one turn's events as [StreamClient.runTurn] reports them; returns how many there were. */
internal suspend fun Flow<ChatEvent>.collectTurn(onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int {
    var events = 0
    var chars = 0L
    collect { event ->
        if (events == 0) onFirstEvent()
        events++
        onEvent?.invoke(event.type)
        if (event is ChatEvent.TextDelta) chars += event.content.length
    }
    ContentSink.chars += chars
    return events
}

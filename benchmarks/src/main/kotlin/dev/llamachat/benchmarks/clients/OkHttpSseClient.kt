package dev.llamachat.benchmarks.clients

import dev.llamachat.benchmarks.RefEvent
import java.io.IOException
import java.util.concurrent.TimeUnit
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.suspendCancellableCoroutine
import okhttp3.ConnectionPool
import okhttp3.Dispatcher
import okhttp3.MediaType.Companion.toMediaType
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody
import okhttp3.Response
import okhttp3.sse.EventSource
import okhttp3.sse.EventSourceListener
import okhttp3.sse.EventSources

/**
 * The peer reference: okhttp-sse's `EventSource` with kotlinx decoding of each event's data into [RefEvent], on
 * [referenceOkHttpClient].
 *
 * okhttp-sse calls its listener on OkHttp's call thread, so its first event is timed there, one thread hop after
 * the request left the caller. An SDK that delivers to the caller's coroutine pays one more hop, back to the
 * caller; with [handOff] the first event is timed in the caller's coroutine too (resumed by the listener), the
 * floor for any client that delivers there.
 */
internal class OkHttpSseClient(private val baseUrl: String, private val apiKey: String, private val handOff: Boolean = false) : StreamClient {
    private val client = referenceOkHttpClient()
    private val factory = EventSources.createFactory(client)
    override val name: String = if (handOff) "okhttp-sse + kotlinx, first event handed to the caller" else "okhttp-sse + kotlinx"
    override val concurrent: Boolean get() = true

    override suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int {
        if (!handOff) return stream(sessionId, prompt, onEvent, onFirstEvent)
        val first = CompletableDeferred<Boolean>()
        return coroutineScope {
            val turn = async(start = CoroutineStart.UNDISPATCHED) { stream(sessionId, prompt, onEvent) { first.complete(true) } }
            turn.invokeOnCompletion { first.complete(false) }
            if (first.await()) onFirstEvent()
            turn.await()
        }
    }

    private suspend fun stream(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int =
        suspendCancellableCoroutine { continuation ->
            val observer = onEvent
            val request = Request.Builder()
                .url(baseUrl + streamPath(sessionId))
                .header("Authorization", "Bearer $apiKey")
                .post(streamBody(prompt).toRequestBody(JSON))
                .build()
            val source = factory.newEventSource(request, object : EventSourceListener() {
                var events = 0
                var chars = 0L

                override fun onEvent(eventSource: EventSource, id: String?, type: String?, data: String) {
                    val event = RefEvent.decode(data)
                    if (events == 0) onFirstEvent()
                    observer?.invoke(event.type)
                    events++
                    chars += event.content?.length ?: 0
                }

                override fun onClosed(eventSource: EventSource) {
                    ContentSink.chars += chars
                    continuation.resume(events)
                }

                override fun onFailure(eventSource: EventSource, t: Throwable?, response: Response?) {
                    continuation.resumeWithException(t ?: IOException("stream answered ${response?.code}"))
                }
            })
            continuation.invokeOnCancellation { source.cancel() }
        }

    override fun close() {
        client.dispatcher.executorService.shutdown()
        client.connectionPool.evictAll()
    }

    private companion object {
        val JSON = "application/json".toMediaType()
    }
}

/**
 * An OkHttp client tuned the way a careful user would tune it for many streams: dispatcher and pool limits raised
 * (OkHttp's defaults allow 5 calls per host).
 */
internal fun referenceOkHttpClient(): OkHttpClient = OkHttpClient.Builder()
    .dispatcher(Dispatcher().apply { maxRequests = MAX_STREAMS; maxRequestsPerHost = MAX_STREAMS })
    .connectionPool(ConnectionPool(POOLED_CONNECTIONS, 5, TimeUnit.MINUTES))
    .readTimeout(60, TimeUnit.SECONDS)
    .build()

private const val MAX_STREAMS = 512

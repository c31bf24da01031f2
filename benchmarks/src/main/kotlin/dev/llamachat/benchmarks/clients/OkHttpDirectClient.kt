package dev.llamachat.benchmarks.clients

import dev.llamachat.ChatEvent
import dev.llamachat.internal.ByteSource
import dev.llamachat.internal.ChatTurnDecoder
import dev.llamachat.internal.decodeChatEvents
import java.io.IOException
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import okhttp3.Call
import okhttp3.Callback
import okhttp3.MediaType.Companion.toMediaType
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody
import okhttp3.Response
import okio.BufferedSource

/**
 * What a stream path straight on OkHttp would reach, before anyone builds it into the transport: the call
 * enqueued on an OkHttp client tuned as okhttp-sse's, its body read on OkHttp's call thread and handed through a
 * bounded [CallThreadHandoff] to the collector's coroutine, where the SDK's Flow emits. No Ktor, no body
 * `ByteChannel`. Two ways to split the work:
 * - [decodeOnCallThread]: core's [ChatTurnDecoder] runs on the call thread (okhttp-sse parses there too), and
 *   events cross, at most [EVENTS_AHEAD] of them;
 * - otherwise the body's bytes cross, at most [BYTES_AHEAD], and core's [decodeChatEvents] decodes them in the
 *   collector's coroutine, as the SDK does today (its `ByteSource` seam unchanged).
 *
 * A reference row, not the SDK: no retries, idle timeout, error mapping or logging.
 */
internal class OkHttpDirectClient(
    private val baseUrl: String,
    private val apiKey: String,
    private val decodeOnCallThread: Boolean,
) : StreamClient {
    private val client = referenceOkHttpClient()
    override val name: String = "OkHttp direct, " + if (decodeOnCallThread) "core decoder on the call thread" else "bytes to core decoder in the caller"
    override val concurrent: Boolean get() = true

    override suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int {
        val request = Request.Builder()
            .url(baseUrl + streamPath(sessionId))
            .header("Authorization", "Bearer $apiKey")
            .header("Accept", "text/event-stream")
            .post(streamBody(prompt).toRequestBody(JSON))
            .build()
        return (if (decodeOnCallThread) decodedOnCallThread(request) else decodedByCollector(request)).collectTurn(onEvent, onFirstEvent)
    }

    private fun decodedOnCallThread(request: Request): Flow<ChatEvent> = flow {
        val events = CallThreadHandoff<ChatEvent>(EVENTS_AHEAD) { 1 }
        val call = enqueue(request, events) { source ->
            val turn = ChatTurnDecoder(maxEventBytes = ClientCatalog.SDK_MAX_EVENT_BYTES)
            val buffer = ByteArray(READ_BUFFER)
            while (!turn.isOver) {
                val read = source.read(buffer, 0, buffer.size)
                if (read < 0) break
                turn.feed(buffer, 0, read)
                while (true) if (!events.put(turn.next() ?: break)) return@enqueue null
            }
            if (turn.isComplete) null else turn.endedBeforeStop()
        }
        try {
            while (true) for (event in events.takeAll().ifEmpty { null } ?: break) emit(event)
        } finally {
            events.abandon()
            call.cancel()
        }
    }

    private fun decodedByCollector(request: Request): Flow<ChatEvent> = flow {
        val chunks = CallThreadHandoff<ByteArray>(BYTES_AHEAD) { it.size }
        val call = enqueue(request, chunks) { source ->
            val buffer = ByteArray(READ_BUFFER)
            while (true) {
                val read = source.read(buffer, 0, buffer.size)
                if (read < 0 || !chunks.put(buffer.copyOf(read))) break
            }
            null
        }
        try {
            emitAll(decodeChatEvents(ChunkSource(chunks), ClientCatalog.SDK_MAX_EVENT_BYTES))
            // The call thread reads the body to its end (so that the connection is reused); wait for it.
            while (true) if (chunks.takeAll().isEmpty()) break
        } finally {
            chunks.abandon()
            call.cancel()
        }
    }

    /**
     * Enqueues [request]; on OkHttp's call thread, [read] reads the body of a 2xx answer into [handoff], which
     * then ends with [read]'s failure (null: none) or the call's.
     */
    private fun enqueue(request: Request, handoff: CallThreadHandoff<*>, read: (BufferedSource) -> Throwable?): Call =
        client.newCall(request).apply {
            enqueue(object : Callback {
                override fun onFailure(call: Call, e: IOException) {
                    handoff.end(e)
                }

                override fun onResponse(call: Call, response: Response) {
                    val failure = response.use {
                        if (!it.isSuccessful) return@use IOException("stream answered ${it.code}")
                        try {
                            read(it.body.source()) ?: drain(it.body.source())
                        } catch (e: Exception) {
                            e
                        }
                    }
                    handoff.end(failure)
                }
            })
        }

    /** As the SDK and okhttp-sse do: reads the body to its end, so that the connection goes back to the pool. */
    private fun drain(source: BufferedSource): Throwable? {
        var drained = 0L
        while (drained < DRAIN_MAX_BYTES && !source.exhausted()) drained += source.buffer.size.also { source.buffer.clear() }
        return null
    }

    /** The chunks the call thread read, as core's [ByteSource]. */
    private class ChunkSource(private val chunks: CallThreadHandoff<ByteArray>) : ByteSource {
        private val pending = ArrayDeque<ByteArray>()
        private var offset = 0

        override suspend fun read(buffer: ByteArray, offset: Int, length: Int): Int {
            if (pending.isEmpty()) pending.addAll(chunks.takeAll().ifEmpty { return -1 })
            var count = 0
            while (count < length && pending.isNotEmpty()) {
                val chunk = pending.first()
                val n = minOf(length - count, chunk.size - this.offset)
                chunk.copyInto(buffer, offset + count, this.offset, this.offset + n)
                count += n
                this.offset += n
                if (this.offset == chunk.size) {
                    pending.removeFirst()
                    this.offset = 0
                }
            }
            return count
        }
    }

    override fun close() {
        client.dispatcher.executorService.shutdown()
        client.connectionPool.evictAll()
    }

    private companion object {
        /** What waits on the heap, at most, when the server outruns the collector. */
        const val EVENTS_AHEAD = 256
        const val BYTES_AHEAD = 64 * 1024
        const val READ_BUFFER = 8192
        const val DRAIN_MAX_BYTES = 64L * 1024
        val JSON = "application/json".toMediaType()
    }
}

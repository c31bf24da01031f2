package dev.llamachat.internal

import dev.llamachat.ChatEvent
import dev.llamachat.EventTooLargeException
import dev.llamachat.InternalLlamaChatApi
import dev.llamachat.MalformedEventException
import dev.llamachat.StreamEndedBeforeStopException
import dev.llamachat.StreamException
import dev.llamachat.StreamIdleTimeoutException
import dev.llamachat.StreamInterruptedException
import java.time.Duration
import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.withTimeoutOrNull

/**
 * The stream of one chat turn, decoded from a response body: bytes -> SSE frames -> JSON -> [ChatEvent], then
 * the end-of-turn rules of docs/wire.md. The flow completes right after `stop`; any other ending is a
 * [StreamException] that says how many events arrived first.
 *
 * Transports call this once the response's status and content type were checked; every transport thus shares
 * one decoder and one set of rules.
 *
 * @param idleTimeout the longest silence (no byte at all, keep-alive comments included) before the turn fails
 *   with [StreamIdleTimeoutException]; null waits forever.
 */
@InternalLlamaChatApi
public fun decodeChatEvents(
    source: ByteSource,
    maxEventBytes: Int = SseDecoder.DEFAULT_MAX_EVENT_BYTES,
    idleTimeout: Duration? = null,
    bufferSize: Int = DEFAULT_READ_BUFFER,
): Flow<ChatEvent> = flow {
    val decoder = SseDecoder(maxEventBytes)
    val buffer = ByteArray(bufferSize)
    var received = 0
    var lastType: String? = null
    val idleMillis = idleTimeout?.toMillis()
    while (!decoder.isDone) {
        val read = try {
            if (idleMillis == null) source.read(buffer, 0, buffer.size)
            else withTimeoutOrNull(idleMillis) { source.read(buffer, 0, buffer.size) }
                ?: throw StreamIdleTimeoutException(idleTimeout, received, lastType)
        } catch (e: CancellationException) {
            throw e
        } catch (e: StreamException) {
            throw e
        } catch (e: Exception) {
            throw StreamInterruptedException(received, lastType, e)
        }
        if (read < 0) break
        decoder.feed(buffer, 0, read)
        while (true) {
            val frame = try {
                decoder.next()
            } catch (e: SseLimitException) {
                throw EventTooLargeException(e.limitBytes, received, lastType)
            } ?: break
            val event = try {
                ChatEventJson.decode(frame.data, frame.event)
            } catch (e: IllegalArgumentException) { // kotlinx's SerializationException is one
                // The data is the server's: if it echoes the request, its key must not reach messages or logs.
                throw MalformedEventException(received + 1, Secrets.redact(frame.data.take(1100)).take(1000), received, lastType, Secrets.redactedCause(e))
            }
            emit(event)
            received++
            lastType = event.type
            if (event is ChatEvent.Stop) return@flow // the turn is complete; what follows is not ours to read
        }
    }
    throw StreamEndedBeforeStopException(received, lastType)
}

/** 8 KiB: big enough to carry ~100 small events per read, small enough to hand the first one over at once. */
@InternalLlamaChatApi
public const val DEFAULT_READ_BUFFER: Int = 8192

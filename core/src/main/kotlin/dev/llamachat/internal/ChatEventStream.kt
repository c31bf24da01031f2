package dev.llamachat.internal

import dev.llamachat.ChatEvent
import dev.llamachat.InternalLlamaChatApi
import dev.llamachat.StreamException
import dev.llamachat.StreamIdleTimeoutException
import java.time.Duration
import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.withTimeoutOrNull

/**
 * The stream of one chat turn, read from a response body: this is the read loop only (reads, the idle timeout,
 * a failed read); [ChatTurnDecoder] turns the bytes into events and holds every rule of how a turn ends. The flow
 * completes right after `stop`; any other ending is a [StreamException] that says how many events arrived first.
 *
 * Transports call this once the response's status and content type were checked; every transport thus shares
 * one decoder and one set of rules.
 *
 * @param idleTimeout the longest silence (no byte at all, keep-alive comments included) before the turn fails
 *   with [StreamIdleTimeoutException]; null waits forever.
 * @param skippedEventTypes events not to deliver nor hold in memory (see [ChatTurnDecoder.WHOLE_TEXT_EVENTS]).
 */
@InternalLlamaChatApi
public fun decodeChatEvents(
    source: ByteSource,
    maxEventBytes: Int = SseDecoder.DEFAULT_MAX_EVENT_BYTES,
    idleTimeout: Duration? = null,
    bufferSize: Int = DEFAULT_READ_BUFFER,
    skippedEventTypes: Set<String> = emptySet(),
): Flow<ChatEvent> = flow {
    val turn = ChatTurnDecoder(maxEventBytes, skippedEventTypes)
    val buffer = ByteArray(bufferSize)
    val idleMillis = idleTimeout?.toMillis()
    while (!turn.isOver) {
        val read = try {
            if (idleMillis == null) source.read(buffer, 0, buffer.size)
            else withTimeoutOrNull(idleMillis) { source.read(buffer, 0, buffer.size) } ?: throw turn.idleTimedOut(idleTimeout)
        } catch (e: CancellationException) {
            throw e
        } catch (e: StreamException) {
            throw e
        } catch (e: Exception) {
            throw turn.interrupted(e)
        }
        if (read < 0) break
        turn.feed(buffer, 0, read)
        while (true) emit(turn.next() ?: break)
    }
    if (!turn.isComplete) throw turn.endedBeforeStop()
}

/** 8 KiB: big enough to carry ~100 small events per read, small enough to hand the first one over at once. */
internal const val DEFAULT_READ_BUFFER: Int = 8192

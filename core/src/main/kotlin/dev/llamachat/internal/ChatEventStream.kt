package dev.llamachat.internal

import dev.llamachat.ChatEvent
import dev.llamachat.InternalLlamaChatApi
import dev.llamachat.StreamException
import dev.llamachat.StreamIdleTimeoutException
import java.time.Duration
import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.job

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
 * @param timer what the idle timeout is measured with.
 */
@InternalLlamaChatApi
public fun decodeChatEvents(
    source: ByteSource,
    maxEventBytes: Int = SseDecoder.DEFAULT_MAX_EVENT_BYTES,
    idleTimeout: Duration? = null,
    bufferSize: Int = DEFAULT_READ_BUFFER,
    skippedEventTypes: Set<String> = emptySet(),
    timer: DeadlineTimer = DeadlineTimer.SYSTEM,
): Flow<ChatEvent> = flow {
    val turn = ChatTurnDecoder(maxEventBytes, skippedEventTypes)
    val buffer = ByteArray(bufferSize)
    if (idleTimeout == null) return@flow readTurn(turn, source, buffer, null)
    // The scope is what the watch cancels to end a read that waits too long (the collector's own job is not ours).
    coroutineScope {
        val watch = IdleWatch(timer, idleTimeout, coroutineContext.job).start()
        try {
            readTurn(turn, source, buffer, watch)
        } finally {
            watch.close()
        }
    }
}

private suspend fun FlowCollector<ChatEvent>.readTurn(
    turn: ChatTurnDecoder,
    source: ByteSource,
    buffer: ByteArray,
    watch: IdleWatch?,
) {
    while (!turn.isOver) {
        val read = try {
            if (watch == null) {
                source.read(buffer, 0, buffer.size)
            } else {
                val began = watch.beforeRead()
                source.read(buffer, 0, buffer.size).also { if (!watch.afterRead(began)) throw turn.idleTimedOut(watch.limit) }
            }
        } catch (e: StreamException) {
            throw e
        } catch (e: Exception) {
            // A read given up for the idle limit ends in the scope's cancellation (or in whatever the source made of it).
            if (watch != null && watch.timedOut) throw turn.idleTimedOut(watch.limit)
            if (e is CancellationException) throw e
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

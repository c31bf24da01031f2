package dev.llamachat.internal

import dev.llamachat.ChatEvent
import dev.llamachat.EventTooLargeException
import dev.llamachat.InternalLlamaChatApi
import dev.llamachat.MalformedEventException
import dev.llamachat.StreamEndedBeforeStopException
import dev.llamachat.StreamIdleTimeoutException
import dev.llamachat.StreamInterruptedException
import java.time.Duration

/**
 * The turn stage: SSE frames of one chat turn to [ChatEvent]s, with every rule of docs/wire.md about how a turn
 * ends. Synchronous and free of I/O, so the read loop ([decodeChatEvents]) only moves bytes and watches the
 * clock, and tests and benchmarks drive the same rules over bytes in memory ([decodeChatEventBytes]).
 *
 * - `stop` completes the turn: [next] returns it, then nothing more ([isComplete]).
 * - `data: [DONE]` ends the stream like a close: [isOver] without [isComplete]; the caller then fails the turn
 *   with [endedBeforeStop], as it does at the end of the body.
 * - An event over [maxEventBytes] fails with [EventTooLargeException]; data that is not an event's JSON with
 *   [MalformedEventException]. Both count the events delivered before ([eventsReceived], [lastEventType]).
 *
 * - Events of [skippedEventTypes] (named so in their SSE `event:` field, as the service names every event) are
 *   dropped unread, never held in memory nor counted: for a caller who has the deltas and does not want the turn's
 *   whole `text` again ([WHOLE_TEXT_EVENTS]).
 *
 * Use: [feed] a chunk, call [next] until it returns null, feed the next chunk while not [isOver].
 */
@InternalLlamaChatApi
public class ChatTurnDecoder(
    maxEventBytes: Int = SseDecoder.DEFAULT_MAX_EVENT_BYTES,
    skippedEventTypes: Set<String> = emptySet(),
) {
    private val frames = SseDecoder(maxEventBytes, skippedEventTypes)

    /** How many events [next] has returned. */
    public var eventsReceived: Int = 0
        private set

    /** The type of the last event [next] returned, or null. */
    public var lastEventType: String? = null
        private set

    /** Whether `stop` was returned: the turn is complete. */
    public var isComplete: Boolean = false
        private set

    /** Whether the turn is over (complete, or ended by `[DONE]`): nothing more is to be read. */
    public var isOver: Boolean = false
        private set

    /** Hands over the next chunk of the body; see [SseDecoder.feed]. */
    public fun feed(bytes: ByteArray, offset: Int = 0, length: Int = bytes.size) {
        check(!isOver) { "the turn is over; nothing more is read" }
        frames.feed(bytes, offset, length)
    }

    /**
     * The next event from the bytes fed so far, or null when they are used up or the turn is over.
     * @throws EventTooLargeException if an event exceeds the limit.
     * @throws MalformedEventException if an event's data is not its JSON.
     */
    public fun next(): ChatEvent? {
        if (isOver) return null
        val dispatched = try {
            frames.advance()
        } catch (e: SseLimitException) {
            throw EventTooLargeException(e.limitBytes, eventsReceived, lastEventType)
        }
        if (!dispatched) return null
        val event = FastDeltaJson.decode(frames.dataBytes, frames.dataSize) ?: decodeInGeneral(frames.data()) ?: run {
            isOver = true // `[DONE]`
            return null
        }
        eventsReceived++
        lastEventType = event.type
        if (event is ChatEvent.Stop) {
            // The turn is complete; what follows is not ours to read.
            isComplete = true
            isOver = true
        }
        return event
    }

    /** The event of [data] as [ChatEventJson] decodes it, or null for `[DONE]`. */
    private fun decodeInGeneral(data: String): ChatEvent? {
        if (data == DONE) return null
        return try {
            ChatEventJson.decode(data, frames.eventName)
        } catch (e: IllegalArgumentException) { // kotlinx's SerializationException is one
            // The data is the server's: if it echoes the request, its key must not reach messages or logs.
            throw MalformedEventException(
                eventsReceived + 1, Secrets.redact(data.take(1100)).take(1000), eventsReceived, lastEventType, Secrets.redactedCause(e),
            )
        }
    }

    /** The failure of a body that ended (EOF, or `[DONE]`) before `stop`. */
    public fun endedBeforeStop(): StreamEndedBeforeStopException = StreamEndedBeforeStopException(eventsReceived, lastEventType)

    /** The failure of a body whose reading failed with [cause]. */
    public fun interrupted(cause: Throwable): StreamInterruptedException =
        StreamInterruptedException(eventsReceived, lastEventType, cause)

    /** The failure of a body that was silent for longer than [idleTimeout]. */
    public fun idleTimedOut(idleTimeout: Duration): StreamIdleTimeoutException =
        StreamIdleTimeoutException(idleTimeout, eventsReceived, lastEventType)

    public companion object {
        /**
         * The events that repeat a turn's deltas whole (`text`, `thinking`): what a caller who streams the deltas
         * may skip, so that an enormous answer is never held at once.
         */
        public val WHOLE_TEXT_EVENTS: Set<String> = setOf("text", "thinking")

        /** The sentinel some servers send as their last event's data (docs/wire.md: it ends the stream). */
        private const val DONE = "[DONE]"
    }
}

/**
 * Decodes a whole turn held in memory, fed in [chunkSize]-byte chunks as a transport would read it, handing each
 * event to [onEvent]; returns how many there were. Tests and benchmarks use it instead of their own read loop.
 * @throws dev.llamachat.StreamException as [decodeChatEvents] would fail the same body.
 */
@InternalLlamaChatApi
public fun decodeChatEventBytes(
    bytes: ByteArray,
    chunkSize: Int = bytes.size.coerceAtLeast(1),
    maxEventBytes: Int = SseDecoder.DEFAULT_MAX_EVENT_BYTES,
    skippedEventTypes: Set<String> = emptySet(),
    onEvent: (ChatEvent) -> Unit,
): Int {
    require(chunkSize > 0) { "chunkSize must be positive, was $chunkSize" }
    val turn = ChatTurnDecoder(maxEventBytes, skippedEventTypes)
    var offset = 0
    while (offset < bytes.size && !turn.isOver) {
        val length = minOf(chunkSize, bytes.size - offset)
        turn.feed(bytes, offset, length)
        while (true) onEvent(turn.next() ?: break)
        offset += length
    }
    if (!turn.isComplete) throw turn.endedBeforeStop()
    return turn.eventsReceived
}

package dev.llamachat.ktor.internal

import dev.llamachat.ChatEvent
import dev.llamachat.internal.ByteSource
import dev.llamachat.internal.ChatTurnDecoder
import dev.llamachat.internal.decodeChatEvents
import io.ktor.http.ContentType
import kotlin.coroutines.cancellation.CancellationException
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.toJavaDuration
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.withTimeoutOrNull

/**
 * A chat turn's answer: the body handed to core's [decodeChatEvents] as it arrives, each event emitted to
 * [collector] from the collector's own coroutine (no channel, no extra coroutine per event), so a slow collector
 * slows the reading and cancelling it cancels the call. After `stop` the rest of the body is drained, so that a
 * pooled engine can reuse the connection.
 */
internal class EventStreamBody(
    private val collector: FlowCollector<ChatEvent>,
    private val settings: ClientSettings,
) : BodyReader<Unit> {
    override val accept: ContentType get() = ContentType.Text.EventStream
    override val streaming: Boolean get() = true

    override suspend fun read(response: ResponseHead, request: ApiRequest) {
        val body = response.stream()
        collector.emitAll(
            decodeChatEvents(
                source = body,
                maxEventBytes = settings.maxEventBytes,
                idleTimeout = settings.streamIdleTimeout.toJavaDuration(),
                skippedEventTypes = if (settings.skipFinalText) ChatTurnDecoder.WHOLE_TEXT_EVENTS else emptySet(),
            ),
        )
        drain(body)
    }

    /** Reads what is left after `stop` (normally just the end of the body); a server that keeps sending is cut off. */
    private suspend fun drain(body: ByteSource) {
        try {
            withTimeoutOrNull(DRAIN_TIMEOUT) {
                val scratch = ByteArray(8192)
                var drained = 0L
                while (drained < DRAIN_MAX_BYTES) drained += body.read(scratch, 0, scratch.size).takeIf { it >= 0 } ?: break
            }
        } catch (e: CancellationException) {
            if (Cancellations.unlessOwn(e) === e) throw e
        } catch (_: Exception) {
            // The turn is complete; a failure after it changes nothing for the caller.
        }
    }

    companion object {
        private val DRAIN_TIMEOUT = 100.milliseconds
        private const val DRAIN_MAX_BYTES = 64L * 1024

        /** One turn as a cold flow: each collection sends [request] through [transport]. */
        fun flow(transport: HttpTransport, request: ApiRequest): Flow<ChatEvent> = flow {
            transport.execute(request, EventStreamBody(this, transport.settings))
        }
    }
}

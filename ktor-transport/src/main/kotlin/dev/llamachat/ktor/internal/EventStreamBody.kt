package dev.llamachat.ktor.internal

import dev.llamachat.ChatEvent
import dev.llamachat.internal.ByteSource
import dev.llamachat.internal.ChatTurnDecoder
import dev.llamachat.internal.decodeChatEvents
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.toJavaDuration
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.job
import kotlinx.coroutines.withContext

/**
 * A chat turn's answer: the body handed to core's [decodeChatEvents] as it arrives, each event emitted to
 * [collector] from the collector's own coroutine (no channel, no extra coroutine per event), so a slow collector
 * slows the reading and cancelling it cancels the call.
 *
 * After `stop` the rest of the body is drained, however the collector left the turn: collected to its end, or
 * stopped right at `stop` (`first { it is ChatEvent.Stop }`, a subscriber's `cancel()` in its `onNext`). The turn is
 * complete then, and cutting the call would lose a pooled connection and could leave the turn running on the
 * service for a moment, so that the next turn on the session met a 409.
 */
internal class EventStreamBody(
    private val collector: FlowCollector<ChatEvent>,
    private val settings: ClientSettings,
) : BodyReader<Unit> {
    override val accept: String get() = MediaTypes.EVENT_STREAM
    override val streaming: Boolean get() = true

    override suspend fun read(response: ResponseHead, request: ApiRequest) {
        val body = response.stream()
        var complete = false
        try {
            decodeChatEvents(
                source = body,
                maxEventBytes = settings.maxEventBytes,
                idleTimeout = settings.streamIdleTimeout.toJavaDuration(),
                skippedEventTypes = if (settings.skipFinalText) ChatTurnDecoder.WHOLE_TEXT_EVENTS else emptySet(),
                timer = settings.timing.deadlines,
            ).collect { event ->
                if (event is ChatEvent.Stop) complete = true
                collector.emit(event)
            }
        } finally {
            if (complete) drain(body)
        }
    }

    /**
     * Reads what is left after `stop` (normally just the end of the body), for at most [DRAIN_TIMEOUT] and
     * [DRAIN_MAX_BYTES], even if the collector was cancelled meanwhile: a server that keeps sending is cut off.
     * Mostly the end has arrived with `stop`: then there is nothing to wait for, and no deadline to arm.
     */
    private suspend fun drain(body: ByteSource) {
        if (body.isExhausted) return
        withContext(NonCancellable) {
            try {
                coroutineScope {
                    val scope = coroutineContext.job
                    val deadline = settings.timing.deadlines.schedule(DRAIN_TIMEOUT.inWholeNanoseconds) { scope.cancel() }
                    try {
                        val scratch = ByteArray(8192)
                        var drained = 0L
                        while (drained < DRAIN_MAX_BYTES) drained += body.read(scratch, 0, scratch.size).takeIf { it >= 0 } ?: break
                    } finally {
                        deadline.dispose()
                    }
                }
            } catch (_: Exception) {
                // Out of time, or failed: the turn is complete, and what happens after it changes nothing for the caller.
            }
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

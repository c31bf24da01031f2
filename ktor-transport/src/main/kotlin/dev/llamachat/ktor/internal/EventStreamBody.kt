package dev.llamachat.ktor.internal

import dev.llamachat.ChatEvent
import dev.llamachat.internal.ChatTurnDecoder
import dev.llamachat.internal.decodeChatEvents
import io.ktor.client.statement.HttpResponse
import io.ktor.http.ContentType
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.InternalAPI
import io.ktor.utils.io.discard
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

    override suspend fun read(response: HttpResponse, request: ApiRequest) {
        val body = rawBody(response)
        collector.emitAll(
            decodeChatEvents(
                source = ChannelByteSource(body, BodyEnd.expectedLength(response)),
                maxEventBytes = settings.maxEventBytes,
                idleTimeout = settings.streamIdleTimeout.toJavaDuration(),
                skippedEventTypes = if (settings.skipFinalText) ChatTurnDecoder.WHOLE_TEXT_EVENTS else emptySet(),
            ),
        )
        drain(body)
    }

    /** Reads what is left after `stop` (normally just the end of the body); a server that keeps sending is cut off. */
    private suspend fun drain(body: ByteReadChannel) {
        try {
            withTimeoutOrNull(DRAIN_TIMEOUT) { body.discard(DRAIN_MAX_BYTES) }
        } catch (e: CancellationException) {
            if (Cancellations.unlessOwn(e) === e) throw e
        } catch (_: Exception) {
            // The turn is complete; a failure after it changes nothing for the caller.
        }
    }

    companion object {
        /**
         * The engine's own body channel. `bodyAsChannel()` runs the response pipeline, whose default transformer
         * copies that channel into a second one in a coroutine of its own: every chunk then costs a second channel
         * hand-off and wake-up, and the first event a thread hop (measured in BENCHMARKS.md, "first event"). The
         * transport reads the body once, from start to end, exactly as the copier would; `rawContent` is Ktor API
         * marked internal, so a Ktor upgrade must keep [StreamingSpec]'s wire tests green.
         */
        @OptIn(InternalAPI::class)
        private fun rawBody(response: HttpResponse): ByteReadChannel = response.rawContent

        private val DRAIN_TIMEOUT = 100.milliseconds
        private const val DRAIN_MAX_BYTES = 64L * 1024

        /** One turn as a cold flow: each collection sends [request] through [transport]. */
        fun flow(transport: HttpTransport, request: ApiRequest): Flow<ChatEvent> = flow {
            transport.execute(request, EventStreamBody(this, transport.settings))
        }
    }
}

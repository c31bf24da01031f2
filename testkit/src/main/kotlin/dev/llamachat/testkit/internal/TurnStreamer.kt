package dev.llamachat.testkit.internal

import dev.llamachat.ChatEvent
import dev.llamachat.internal.ChatEventJson
import dev.llamachat.internal.SseEncoder
import dev.llamachat.testkit.Fault
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.writeFully
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/** How one turn is streamed: its events, its stream fault, and the pacing. */
internal class StreamPlan(
    val turn: EncodedTurn,
    val fault: Fault?,
    /** A [Fault.Delay]'s pause before every event after the first; null: [tokenDelayNanos] before each delta. */
    val betweenEventsNanos: Long?,
    val tokenDelayNanos: Long,
    /** Write `: keep-alive` when nothing was written for this long during a pause; null: never. */
    val keepAliveNanos: Long?,
) {
    /** Sent in one go, with a Content-Length: bench turns without faults or pauses. */
    val bulk: Boolean get() = fault == null && betweenEventsNanos == null && turn.contentLength != null
}

/** How far a stream got, read when its turn is recorded. */
internal class StreamProgress {
    /** Normal events written so far. */
    @Volatile var sent: Int = 0

    /** Why the turn ended early, when a fault ended it. */
    @Volatile var error: String? = null
}

/**
 * Writes a turn's frames to the response, each flushed as soon as it is written, applying the plan's pauses,
 * keep-alives and fault. A client that leaves makes a write fail or cancels the call, which ends this at once.
 */
internal class TurnStreamer(
    private val plan: StreamPlan,
    private val progress: StreamProgress,
    /** Drops the connection without ending the response (for [Fault.CutAfter] with `abort`). */
    private val abortConnection: () -> Unit,
) {
    private var lastWrite = System.nanoTime()

    suspend fun stream(channel: ByteWriteChannel) {
        try {
            streamEvents(channel)
        } catch (e: Throwable) {
            // A failed write or a cancelled call: the client left (or the server is closing).
            if (progress.error == null && progress.sent < plan.turn.size) {
                progress.error = if (e is CancellationException && e.message == SERVER_CLOSED) {
                    "LocalLlamaCloud closed during the turn"
                } else {
                    "The client disconnected during the turn"
                }
            }
            throw e
        }
    }

    private suspend fun streamEvents(channel: ByteWriteChannel) {
        val turn = plan.turn
        if (plan.bulk) {
            turn.writeAll(channel)
            progress.sent = turn.size
            return
        }
        val fault = plan.fault
        for (i in 0..turn.size) {
            inject(fault, i, channel)
            when {
                fault is Fault.CutAfter && fault.events == i -> return cut(fault, channel)
                fault is Fault.Stall && fault.afterEvents == i -> stall(channel)
                fault is Fault.ErrorStop && minOf(fault.afterEvents, turn.size - 1) == i -> return errorStop(fault, channel)
            }
            if (i == turn.size) break
            if (i > 0) pause(plan.betweenEventsNanos ?: if (turn.isDelta(i)) plan.tokenDelayNanos else 0L, channel)
            write(channel, turn.frame(i))
            progress.sent = i + 1
        }
        if (fault is Fault.CutAfter && fault.events > turn.size) cut(fault, channel)
        if (fault is Fault.Stall && fault.afterEvents > turn.size) stall(channel)
    }

    /** Writes the extra event an injecting fault adds after [sent] normal events. */
    private suspend fun inject(fault: Fault?, sent: Int, channel: ByteWriteChannel) {
        val size = plan.turn.size
        val frame = when {
            fault is Fault.MalformedEvent && minOf(fault.afterEvents, size) == sent -> SseEncoder.encode(fault.data)
            fault is Fault.UnknownEvent && minOf(fault.afterEvents, size) == sent ->
                SseEncoder.encode(unknownEvent(fault.type).toString(), fault.type)
            fault is Fault.EventWithoutType && minOf(fault.afterEvents, size) == sent -> {
                val template = plan.turn.event(minOf(sent, size - 1))
                val data = fault.data ?: JsonObject(ChatEventJson.toJsonObject(template) - "type").toString()
                SseEncoder.encode(data, if (fault.withEventName) template.type else null)
            }
            else -> return
        }
        write(channel, frame.toByteArray(Charsets.UTF_8))
    }

    private suspend fun cut(fault: Fault.CutAfter, channel: ByteWriteChannel) {
        if (progress.sent < plan.turn.size) progress.error = "The stream was cut after ${progress.sent} events (testkit fault)"
        if (fault.abort) {
            channel.flush()
            // The engine hands flushed bytes on to the socket asynchronously; give them time to leave, so the
            // client does get the K events before the connection drops.
            delay(ABORT_GRACE_MILLIS)
            abortConnection()
            awaitCancellation()
        }
    }

    private suspend fun stall(channel: ByteWriteChannel): Nothing {
        if (progress.sent < plan.turn.size) progress.error = "The stream stalled after ${progress.sent} events (testkit fault)"
        channel.flush()
        awaitCancellation()
    }

    private suspend fun errorStop(fault: Fault.ErrorStop, channel: ByteWriteChannel) {
        progress.error = fault.error
        write(channel, SseEncoder.encode(ChatEvent.Stop(fault.error, true, plan.turn.usage)).toByteArray(Charsets.UTF_8))
    }

    /** Waits [nanos], writing keep-alive comments whenever the stream was silent for the keep-alive interval. */
    private suspend fun pause(nanos: Long, channel: ByteWriteChannel) {
        val keepAlive = plan.keepAliveNanos
        val until = System.nanoTime() + nanos
        while (true) {
            val now = System.nanoTime()
            if (now >= until) return
            if (keepAlive != null && now - lastWrite >= keepAlive) {
                write(channel, KEEP_ALIVE)
                continue
            }
            val next = if (keepAlive == null) until else minOf(until, lastWrite + keepAlive)
            delay(((next - now + 999_999) / 1_000_000).coerceAtLeast(1))
        }
    }

    private suspend fun write(channel: ByteWriteChannel, frame: ByteArray) {
        channel.writeFully(frame)
        channel.flush()
        lastWrite = System.nanoTime()
    }

    private fun unknownEvent(type: String): JsonObject = buildJsonObject {
        put("type", type)
        put("id", "unknown_1")
        put("content", "An event type this client does not know yet.")
    }

    companion object {
        /** The message of the cancellation that closing the server sends to running turns. */
        const val SERVER_CLOSED: String = "LocalLlamaCloud closed"
        private const val ABORT_GRACE_MILLIS = 100L
        private val KEEP_ALIVE: ByteArray = SseEncoder.comment(" keep-alive").toByteArray(Charsets.UTF_8)
    }
}

package dev.llamachat.testkit.internal

import dev.llamachat.internal.SseEncoder
import dev.llamachat.testkit.SocketPolicy
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.writeFully
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay

/**
 * Writes a streamed body: its own events, the inserted frames, the pauses and keep-alives, under the socket
 * policy. Bytes are flushed before every pause, stall, cut and at the end, so a client has every event written
 * before anything it could observe happens; between those, the channel flushes as its buffer fills. A client that
 * leaves makes a write fail or cancels the call, which ends this at once.
 */
internal class StreamWriter(
    private val plan: StreamPlan,
    private val progress: StreamProgress,
    /** Drops the connection without ending the response. */
    private val abortConnection: () -> Unit,
) {
    private var lastWrite = System.nanoTime()
    private var bytes = 0L
    private val policy = plan.policy

    suspend fun write(channel: ByteWriteChannel) {
        try {
            writeAll(channel)
            channel.flush()
        } catch (e: Throwable) {
            // A failed write or a cancelled call: the client left (or the server is closing).
            if (progress.error == null && !progress.complete) {
                progress.error = if (e is CancellationException && e.message == SERVER_CLOSED) {
                    "LocalLlamaCloud closed during the turn"
                } else {
                    "The client disconnected during the turn"
                }
            }
            throw e
        }
    }

    private suspend fun writeAll(channel: ByteWriteChannel) {
        val frames = plan.frames
        val stopAt = policy.afterEvents
        var i = 0
        while (true) {
            plan.insertions[i]?.forEach { write(channel, it) }
            if (stopAt == i) return endByPolicy(channel)
            plan.failure?.let { if (it.afterEvents == i) return fail(it, channel) }
            if (!frames.hasNext()) break
            val frame = frames.next()
            if (i > 0) pause(plan.intervalNanos ?: if (plan.paced(i)) plan.tokenDelayNanos else 0L, channel)
            write(channel, frame)
            progress.sent = ++i
        }
        progress.complete = true
        plan.insertions.filterKeys { it > i }.toSortedMap().values.forEach { frames -> frames.forEach { write(channel, it) } }
        if (stopAt != null && stopAt > i) endByPolicy(channel)
    }

    private suspend fun endByPolicy(channel: ByteWriteChannel) {
        val sent = progress.sent
        if (!progress.complete) progress.error = when (policy.kind) {
            SocketPolicyKind.STALL_AFTER_EVENTS -> "The stream stalled after $sent events (testkit socket policy)"
            else -> "The stream was cut after $sent events (testkit socket policy)"
        }
        when (policy.kind) {
            SocketPolicyKind.END_AFTER_EVENTS -> Unit
            SocketPolicyKind.STALL_AFTER_EVENTS -> {
                channel.flush()
                awaitCancellation()
            }
            else -> drop(channel)
        }
    }

    private suspend fun fail(failure: StreamPlan.Failure, channel: ByteWriteChannel) {
        progress.error = failure.error
        write(channel, failure.stopFrame)
    }

    private suspend fun drop(channel: ByteWriteChannel): Nothing {
        channel.flush()
        // The engine hands flushed bytes on to the socket asynchronously; give them time to leave, so the client
        // does get them before the connection drops.
        delay(ABORT_GRACE_MILLIS)
        abortConnection()
        awaitCancellation()
    }

    /** Waits [nanos], writing keep-alive comments whenever the stream was silent for the keep-alive interval. */
    private suspend fun pause(nanos: Long, channel: ByteWriteChannel) {
        if (nanos <= 0) return
        channel.flush()
        val keepAlive = plan.keepAliveNanos
        val until = System.nanoTime() + nanos
        while (true) {
            val now = System.nanoTime()
            if (now >= until) return
            if (keepAlive != null && now - lastWrite >= keepAlive) {
                write(channel, KEEP_ALIVE)
                channel.flush()
                continue
            }
            val next = if (keepAlive == null) until else minOf(until, lastWrite + keepAlive)
            delay(((next - now + 999_999) / 1_000_000).coerceAtLeast(1))
        }
    }

    private suspend fun write(channel: ByteWriteChannel, frame: ByteArray) {
        if (policy.kind == SocketPolicyKind.DISCONNECT_AFTER_BYTES && bytes + frame.size >= policy.count) {
            val part = (policy.count - bytes).toInt()
            channel.writeFully(frame, 0, part)
            bytes += part
            if (progress.error == null) progress.error = "The stream was cut after $bytes bytes (testkit socket policy)"
            drop(channel)
        }
        channel.writeFully(frame)
        bytes += frame.size
        lastWrite = System.nanoTime()
    }

    companion object {
        /** The message of the cancellation that closing the server sends to running turns. */
        const val SERVER_CLOSED: String = "LocalLlamaCloud closed"
        private const val ABORT_GRACE_MILLIS = 100L
        private val KEEP_ALIVE: ByteArray = SseEncoder.comment(" keep-alive").toByteArray(Charsets.UTF_8)
    }
}

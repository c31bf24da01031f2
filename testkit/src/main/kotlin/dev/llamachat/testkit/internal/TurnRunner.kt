package dev.llamachat.testkit.internal

import dev.llamachat.ChatEvent
import dev.llamachat.JobMetadata
import dev.llamachat.Usage
import dev.llamachat.internal.SseEncoder
import dev.llamachat.testkit.ScriptedResponse
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import io.ktor.server.response.respond
import java.time.Duration
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicBoolean
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Job

/**
 * Runs one streamed turn: locks the session (404, 409), streams the events under the call's [ScriptedResponse],
 * and whatever happens (completion, a policy, the client leaving, the server closing) unlocks the session and
 * records the turn exactly once.
 */
internal class TurnRunner(
    private val store: SessionStore,
    private val stats: ServerStats,
    private val tokenDelay: Duration,
    private val keepAlive: Duration?,
) {
    /** The calls streaming right now, so that closing the server can end them. */
    private val running: MutableSet<Job> = ConcurrentHashMap.newKeySet()

    fun cancelAll() {
        running.forEach { it.cancel(CancellationException(StreamWriter.SERVER_CLOSED)) }
    }

    suspend fun run(call: ApplicationCall, job: Job, request: Reply.Stream, scripted: ScriptedResponse) {
        val ticket = when (val start = store.beginTurn(request.scope, request.sessionId, request.indexIds)) {
            TurnStart.NotFound -> ChatEndpoints.notFound()
            is TurnStart.Conflict -> throw HttpFailure.detail(409, start.detail)
            is TurnStart.Started -> start.ticket
        }
        stats.turnStarted()
        running += job
        val progress = StreamProgress()
        var turn: EncodedTurn? = null
        val ended = AtomicBoolean(false)
        val end = {
            if (ended.compareAndSet(false, true)) {
                running -= job
                record(ticket, request.prompt, turn, progress)
                stats.turnEnded()
            }
        }
        try {
            val encoded = BenchTurn.parse(request.prompt)?.let { BenchTurn(it, ticket.turn) }
                ?: AgentEncodedTurn(ScriptedAgent.run(request.prompt, request.indexIds, ticket.turn))
            turn = encoded
            val failure = scripted.turnFailure?.let {
                val stop = ChatEvent.Stop(it.error, true, encoded.usage)
                StreamPlan.Failure(minOf(it.afterEvents, encoded.size - 1), it.error, SseEncoder.encode(stop).toByteArray(Charsets.UTF_8))
            }
            val plan = StreamPlan(
                frames = (0 until encoded.size).asSequence().map { encoded.frame(it) }.iterator(),
                paced = encoded::isDelta,
                tokenDelayNanos = if (encoded is BenchTurn) 0L else tokenDelay.toNanos(),
                scripted = scripted,
                keepAliveNanos = keepAlive?.toNanos(),
                failure = failure,
            )
            val writer = StreamWriter(plan, progress) { ConnectionControl.abort(job) }
            val headers = listOf("Content-Type" to "text/event-stream", "Cache-Control" to "no-cache") + scripted.headers
            stats.streamOpened()
            try {
                call.respond(StreamContent(HttpStatusCode.OK, headers, null, plan.closesConnection, writer, end))
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                // Once the response has begun, a failure means the client is gone; nothing more can be sent.
                if (!call.response.isCommitted) throw e
            } finally {
                stats.streamClosed()
            }
        } finally {
            end()
        }
    }

    private fun record(ticket: TurnTicket, prompt: String, turn: EncodedTurn?, progress: StreamProgress) {
        val usage = turn?.usage ?: Usage(turns = ticket.turn)
        val completed = turn != null && progress.complete && progress.error == null
        val error = if (completed) null else progress.error ?: "The stream ended before the turn completed"
        val events = ArrayList<ChatEvent>()
        events += ChatEvent.UserInput(prompt)
        if (turn != null) events += turn.stored(progress.sent)
        if (!completed) events += ChatEvent.Stop(error, true, usage)
        val metadata = JobMetadata(
            durationMs = usage.durationMs,
            error = error,
            exportConfigIds = null,
            isError = !completed,
            totalInputTokens = usage.totalInputTokens,
            totalOutputTokens = usage.totalOutputTokens,
            turns = ticket.turn,
        )
        store.endTurn(ticket, prompt, events, metadata)
    }
}

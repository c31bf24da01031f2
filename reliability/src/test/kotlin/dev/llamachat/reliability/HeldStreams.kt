package dev.llamachat.reliability

import dev.llamachat.testkit.Dispatcher
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.RecordedRequest
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ConcurrentHashMap

/**
 * Holds back the answer to the next stream request of chosen sessions, and says when that request has arrived, so
 * a test can cancel "before the first byte" at a moment it knows instead of after a guessed delay (which a loaded
 * machine can outrun, cancelling while the connection still opens: another case). The held request gets no byte
 * until its client leaves ([SocketPolicy.noResponse]); every other call is served normally.
 */
class HeldStreams(server: LocalLlamaCloud) : Dispatcher {
    private val waiting = ConcurrentHashMap<String, CompletableFuture<Void?>>()

    init {
        server.setDispatcher(this)
    }

    /** Holds the next stream request of [sessionId]; the future completes once it has arrived (whole). */
    fun hold(sessionId: String): CompletableFuture<Void?> = CompletableFuture<Void?>().also { waiting[sessionId] = it }

    override fun dispatch(request: RecordedRequest): ScriptedResponse {
        val arrived = request.sessionId?.takeIf { request.endpoint == Endpoint.STREAM }?.let { waiting.remove(it) }
            ?: return ScriptedResponse.serve()
        arrived.complete(null)
        return ScriptedResponse.serve().withSocketPolicy(SocketPolicy.noResponse())
    }
}

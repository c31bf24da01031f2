package dev.llamachat.testkit.internal

import io.ktor.server.application.ApplicationCall
import io.ktor.server.http.HttpRequestCloseHandlerKey
import io.ktor.utils.io.InternalAPI
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job

/**
 * What Ktor's CIO engine does not offer through its public API: noticing at once that a client left, and
 * dropping a connection without a response. Both rely on the CIO engine's structure (pinned by the ktor-bom).
 */
internal object ConnectionControl {
    /** CIO names the coroutine that owns one client connection so; cancelling it closes the socket. */
    private const val CONNECTION_COROUTINE = "http-pipeline"

    /**
     * Cancels [job] (the call) as soon as the engine sees the client close the connection, so that a stalled or
     * paced stream ends at once instead of at its next write. Not armed for a request that is the last on its
     * connection (HTTP/1.0, `Connection: close`): the engine stops reading after it, which would look the same.
     */
    @OptIn(InternalAPI::class)
    fun cancelOnClientClose(call: ApplicationCall, job: Job) {
        val connection = call.request.headers["Connection"]?.lowercase()
        val http10 = call.request.local.version == "HTTP/1.0"
        val last = when {
            connection == null -> http10
            "close" in connection -> true
            "keep-alive" in connection -> false
            else -> http10
        }
        if (last) return
        call.attributes.put(HttpRequestCloseHandlerKey) {
            job.cancel(CancellationException("The client closed the connection"))
        }
    }

    /** Closes the call's connection where it stands: no further byte is sent. Returns false if it could not. */
    @OptIn(ExperimentalCoroutinesApi::class)
    fun abort(job: Job): Boolean {
        var current: Job? = job
        while (current != null) {
            val name = (current as? CoroutineScope)?.coroutineContext?.get(CoroutineName)?.name
            if (name == CONNECTION_COROUTINE) {
                current.cancel(CancellationException("Connection dropped by a testkit fault"))
                return true
            }
            current = current.parent
        }
        job.cancel(CancellationException("Connection dropped by a testkit fault"))
        return false
    }
}

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
 * The two things testkit needs from the engine beyond answering calls: noticing at once that a client left, and
 * dropping a connection without (or in the middle of) a response.
 *
 * Ktor's public `HttpRequestLifecycle` plugin (cancelCallOnClose) would do the first, but it also cancels a call
 * that is the last on its connection (HTTP/1.0, `Connection: close`), since CIO stops reading after it, which looks
 * like a close: such a client then gets no response at all. So the close handler is set here, per call, through the
 * attribute the plugin itself uses. The second has no public API at all, so it relies on CIO's structure: each client
 * connection runs in a coroutine named [CONNECTION_COROUTINE], and cancelling it closes the socket. Both live here
 * only; if a Ktor upgrade changes the second, [abort] throws instead of silently sending a response, and testkit's
 * SocketPolicySpec and LifecycleSpec fail.
 */
internal object ConnectionControl {
    /** What CIO names the coroutine that owns one client connection. */
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

    /**
     * Closes the connection of the call whose coroutine is [job] where it stands: no further byte is sent.
     * @throws IllegalStateException if the engine no longer runs connections the way this relies on.
     */
    @OptIn(ExperimentalCoroutinesApi::class)
    fun abort(job: Job) {
        var current: Job? = job
        while (current != null) {
            val name = (current as? CoroutineScope)?.coroutineContext?.get(CoroutineName)?.name
            if (name == CONNECTION_COROUTINE) {
                current.cancel(CancellationException("Connection dropped by a testkit socket policy"))
                return
            }
            current = current.parent
        }
        throw IllegalStateException(
            "testkit cannot drop the connection: Ktor's CIO engine no longer runs it in a coroutine named " +
                "'$CONNECTION_COROUTINE' (see ConnectionControl)",
        )
    }
}

package dev.llamachat.testkit.internal

import io.ktor.server.application.ApplicationCall
import io.ktor.server.http.HttpRequestCloseHandlerKey
import io.ktor.utils.io.InternalAPI
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/**
 * The two things testkit needs from the engine beyond answering calls: noticing at once that a client left, and
 * dropping a connection without (or in the middle of) a response.
 *
 * Ktor's public `HttpRequestLifecycle` plugin (cancelCallOnClose) would do the first, but it also cancels a call
 * that is the last on its connection (HTTP/1.0, `Connection: close`), since CIO stops reading after it, which looks
 * like a close: such a client then gets no response at all. So the close handler is set here, per call, through the
 * attribute the plugin itself uses. The second has no public API at all, so it relies on CIO's structure: each client
 * connection runs in a coroutine named [CONNECTION_COROUTINE], and cancelling it closes the socket.
 *
 * The close handler alone misses a client that leaves before the call starts: CIO reads the client's end of stream
 * while it still hands the call to another thread, reports the close to nobody, and a call that never writes (a
 * stall, no response, a long pause) would then run until the server closes. The connection's coroutine shows when it
 * stopped reading, though: [cancelOnMissedClose] watches for that.
 *
 * All of this lives here only; if a Ktor upgrade changes CIO's structure, [abort] throws instead of silently sending
 * a response, and testkit's SocketPolicySpec, LifecycleSpec and ConnectionControlSpec fail.
 */
internal object ConnectionControl {
    /** What CIO names the coroutine that owns one client connection. */
    private const val CONNECTION_COROUTINE = "http-pipeline"

    /** How often a call checks that its connection is still read: how late a missed close is noticed, at most. */
    private const val READ_END_POLL_MILLIS = 50L

    private const val CLIENT_LEFT = "The client closed the connection"

    /**
     * Cancels [job] (the call) as soon as the engine sees the client close the connection, so that a stalled or
     * paced stream ends at once instead of at its next write. Not armed for a request that is the last on its
     * connection (HTTP/1.0, `Connection: close`): the engine stops reading after it, which would look the same.
     * @return whether it was armed.
     */
    @OptIn(InternalAPI::class)
    fun cancelOnClientClose(call: ApplicationCall, job: Job): Boolean {
        val connection = call.request.headers["Connection"]?.lowercase()
        val http10 = call.request.local.version == "HTTP/1.0"
        val last = when {
            connection == null -> http10
            "close" in connection -> true
            "keep-alive" in connection -> false
            else -> http10
        }
        if (last) return false
        call.attributes.put(HttpRequestCloseHandlerKey) { job.cancel(CancellationException(CLIENT_LEFT)) }
        return true
    }

    /**
     * Cancels [job] (a call [cancelOnClientClose] armed) if its client left before the call started, which the
     * engine reported to no one: once the engine stops reading the connection (it would read the client's next
     * request otherwise). Polls, since nothing announces that.
     * @return the watch, to be cancelled when the call ends; null if the engine is not as this relies on.
     */
    fun cancelOnMissedClose(job: Job): Job? {
        val connection = connectionOf(job) ?: return null
        return CoroutineScope(job).launch {
            while (!stoppedReading(connection)) delay(READ_END_POLL_MILLIS)
            job.cancel(CancellationException(CLIENT_LEFT))
        }
    }

    /**
     * Whether the coroutine of a client connection no longer reads from it: its body has returned and only the calls
     * it started still run, which kotlinx.coroutines shows as "Completing" in its description (no property says it).
     */
    fun stoppedReading(connection: Job): Boolean = "{Completing}" in connection.toString()

    /**
     * Closes the connection of the call whose coroutine is [job] where it stands: no further byte is sent.
     * @throws IllegalStateException if the engine no longer runs connections the way this relies on.
     */
    fun abort(job: Job) {
        val connection = checkNotNull(connectionOf(job)) {
            "testkit cannot drop the connection: Ktor's CIO engine no longer runs it in a coroutine named " +
                "'$CONNECTION_COROUTINE' (see ConnectionControl)"
        }
        connection.cancel(CancellationException("Connection dropped by a testkit socket policy"))
    }

    /** The coroutine of the client connection [job] (a call) belongs to, or null if there is none. */
    @OptIn(ExperimentalCoroutinesApi::class)
    fun connectionOf(job: Job): Job? {
        var current: Job? = job
        while (current != null) {
            val name = (current as? CoroutineScope)?.coroutineContext?.get(CoroutineName)?.name
            if (name == CONNECTION_COROUTINE) return current
            current = current.parent
        }
        return null
    }
}

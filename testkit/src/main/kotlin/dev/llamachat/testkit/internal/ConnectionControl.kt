package dev.llamachat.testkit.internal

import io.ktor.server.application.Application
import io.ktor.server.application.install
import io.ktor.server.http.HttpRequestLifecycle
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job

/**
 * The two things testkit needs from the engine beyond answering calls: noticing at once that a client left, and
 * dropping a connection without (or in the middle of) a response.
 *
 * The first is Ktor's public `HttpRequestLifecycle` plugin. The second has no public API in Ktor's CIO engine, so
 * it relies on the engine's structure, here and only here: CIO runs each client connection in a coroutine named
 * [CONNECTION_COROUTINE], and cancelling it closes the socket. If a Ktor upgrade changes that, [abort] throws (and
 * testkit's InternalsSpec fails) instead of silently sending a response.
 */
internal object ConnectionControl {
    /** What CIO names the coroutine that owns one client connection. */
    private const val CONNECTION_COROUTINE = "http-pipeline"

    /** Cancels each call as soon as the engine sees its client close the connection. */
    fun cancelCallsOnClientClose(application: Application) {
        application.install(HttpRequestLifecycle) { cancelCallOnClose = true }
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

package dev.llamachat.testkit.internal

import dev.llamachat.testkit.Dispatcher
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.RecordedRequest
import dev.llamachat.testkit.ScriptedResponse

/** Queued responses in queueing order, each for the next `times` calls of its endpoint; then the dispatcher. */
internal class ScriptQueue {
    private class Queued(val response: ScriptedResponse, val endpoint: Endpoint, var remaining: Int)

    private val queued = ArrayList<Queued>()

    @Volatile var dispatcher: Dispatcher = Dispatcher.SERVE

    fun enqueue(response: ScriptedResponse, endpoint: Endpoint, times: Int) {
        require(times >= 1) { "times must be at least 1, was $times" }
        synchronized(queued) { queued += Queued(response, endpoint, times) }
    }

    fun clear() = synchronized(queued) { queued.clear() }

    /** The queued response for a call of [endpoint] (null: the request matched no endpoint), taken, or null. */
    fun take(endpoint: Endpoint?): ScriptedResponse? = synchronized(queued) {
        val index = queued.indexOfFirst { it.endpoint == Endpoint.ANY || it.endpoint == endpoint }
        if (index < 0) return null
        val entry = queued[index]
        if (--entry.remaining == 0) queued.removeAt(index)
        entry.response
    }

    /** What the dispatcher answers [request] (it may block: call it off the engine's threads). */
    fun dispatch(request: RecordedRequest): ScriptedResponse = dispatcher.dispatch(request)
}

package dev.llamachat.testkit.internal

import dev.llamachat.testkit.RecordedRequest

/** Every request received, in arrival order, and how far [take] has got. */
internal class RequestLog {
    private val requests = ArrayList<RecordedRequest>()
    private var taken = 0

    fun add(request: RecordedRequest) = synchronized(requests) { requests += request }

    fun all(): List<RecordedRequest> = synchronized(requests) { requests.toList() }

    fun take(): RecordedRequest? = synchronized(requests) { requests.getOrNull(taken)?.also { taken++ } }

    fun clear() = synchronized(requests) {
        requests.clear()
        taken = 0
    }
}

package dev.llamachat.testkit.internal

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.Fault

/** Armed faults in arming order; each applies to the next `times` calls that match its endpoint and kind. */
internal class FaultQueue {
    private class Armed(val fault: Fault, val endpoint: Endpoint, var remaining: Int)

    private val armed = ArrayList<Armed>()

    fun enqueue(fault: Fault, endpoint: Endpoint, times: Int) {
        require(times >= 1) { "times must be at least 1, was $times" }
        require(!isStreamFault(fault) || endpoint == Endpoint.STREAM || endpoint == Endpoint.ANY) {
            "$fault only applies to the STREAM endpoint, not $endpoint"
        }
        synchronized(armed) { armed += Armed(fault, endpoint, times) }
    }

    fun clear() = synchronized(armed) { armed.clear() }

    /** The call fault for a call of [endpoint] as it arrives, or null. */
    fun takeCallFault(endpoint: Endpoint): Fault? = take { !isStreamFault(it.fault) && it.endpoint.matches(endpoint) }

    /** The stream fault for a turn that starts streaming, or null. */
    fun takeStreamFault(): Fault? = take { isStreamFault(it.fault) && it.endpoint.matches(Endpoint.STREAM) }

    private fun take(predicate: (Armed) -> Boolean): Fault? = synchronized(armed) {
        val index = armed.indexOfFirst(predicate)
        if (index < 0) return null
        val entry = armed[index]
        if (--entry.remaining == 0) armed.removeAt(index)
        entry.fault
    }

    private fun isStreamFault(fault: Fault): Boolean = when (fault) {
        is Fault.Status, Fault.Disconnect, is Fault.RawResponse, is Fault.Delay -> false
        is Fault.CutAfter, is Fault.MalformedEvent, is Fault.UnknownEvent, is Fault.EventWithoutType,
        is Fault.Stall, is Fault.ErrorStop -> true
    }
}

package dev.llamachat.testkit.internal

import dev.llamachat.ChatEvent
import dev.llamachat.JobMetadata
import dev.llamachat.Session
import dev.llamachat.SessionSummary

/** One session's mutable state; every access goes through [SessionStore]'s lock. */
internal class StoredSession(val id: String, val scope: String, var updatedMicros: Long, var indexIds: List<String>?) {
    var title: String? = null
    var jobMetadata: JobMetadata? = null
    val events: MutableList<ChatEvent> = ArrayList()
    var turns: Long = 0
    var turnRunning: Boolean = false
    var deleted: Boolean = false

    val sortKey: SortKey get() = SortKey(updatedMicros, id)

    fun summary(): SessionSummary =
        SessionSummary(id, MicrosClock.format(updatedMicros), title, indexIds, jobMetadata)

    fun session(): Session =
        Session(id, MicrosClock.format(updatedMicros), events.toList(), title, indexIds, jobMetadata)
}

/** A session's place in a listing: most recently updated first, then by id so that the order is total. */
internal data class SortKey(val micros: Long, val id: String) : Comparable<SortKey> {
    override fun compareTo(other: SortKey): Int =
        if (micros != other.micros) other.micros.compareTo(micros) else id.compareTo(other.id)
}

package dev.llamachat.testkit.internal

import dev.llamachat.ChatEvent
import dev.llamachat.JobMetadata
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import java.util.TreeMap
import java.util.UUID

/**
 * The in-memory sessions, scoped by project. One lock guards everything: calls are short and the Chat API's
 * rules (index locking, one turn per session, stable listing order) are then plain code.
 */
internal class SessionStore(private val clock: MicrosClock) {
    private val lock = Any()
    private val byId = HashMap<String, StoredSession>()
    private val byScope = HashMap<String, TreeMap<SortKey, StoredSession>>()

    fun create(scope: String, indexIds: List<String>?): SessionSummary = synchronized(lock) {
        val session = StoredSession("ses-" + UUID.randomUUID(), scope, clock.next(), indexIds)
        byId[session.id] = session
        byScope.getOrPut(scope) { TreeMap() }[session.sortKey] = session
        session.summary()
    }

    fun summary(scope: String, id: String): SessionSummary? = synchronized(lock) { find(scope, id)?.summary() }

    fun session(scope: String, id: String): Session? = synchronized(lock) { find(scope, id)?.session() }

    fun delete(scope: String, id: String): Boolean = synchronized(lock) {
        val session = find(scope, id) ?: return false
        session.deleted = true
        byId.remove(id)
        byScope[scope]?.remove(session.sortKey)
        true
    }

    fun setTitle(scope: String, id: String, title: String): SessionSummary? = synchronized(lock) {
        val session = find(scope, id) ?: return null
        session.title = title
        touch(session)
        session.summary()
    }

    /** Up to [size] sessions after [after] (from the start when null), and the key to continue after, if any. */
    fun page(scope: String, size: Int, after: SortKey?): Pair<List<SessionSummary>, SortKey?> = synchronized(lock) {
        val all = byScope[scope] ?: return emptyList<SessionSummary>() to null
        val rest = if (after == null) all else all.tailMap(after, false)
        val items = ArrayList<SessionSummary>(minOf(size, rest.size))
        var last: SortKey? = null
        for ((key, session) in rest) {
            if (items.size == size) break
            items += session.summary()
            last = key
        }
        val more = last != null && all.higherKey(last) != null
        items to (if (more) last else null)
    }

    fun count(scope: String): Int = synchronized(lock) { byScope[scope]?.size ?: 0 }

    /**
     * Starts a turn: 404 if there is no such session, 409 if its index set differs from [indexIds] (order
     * ignored) or a turn is running; otherwise binds an unbound session to [indexIds] and marks the turn running.
     */
    fun beginTurn(scope: String, id: String, indexIds: List<String>): TurnStart = synchronized(lock) {
        val session = find(scope, id) ?: return TurnStart.NotFound
        val bound = session.indexIds
        if (bound != null && bound.toSet() != indexIds.toSet()) {
            return TurnStart.Conflict(
                "index_ids $indexIds differ from the session's locked index set $bound",
            )
        }
        if (session.turnRunning) return TurnStart.Conflict("A turn is already running on this session")
        if (bound == null) session.indexIds = indexIds.toList()
        session.turnRunning = true
        TurnStart.Started(TurnTicket(session, session.turns + 1))
    }

    /**
     * Ends a turn begun with [beginTurn]: records [events] in the history, [metadata], the title (from [prompt],
     * if the session had none) and a new update time. A session deleted meanwhile stays deleted.
     */
    fun endTurn(ticket: TurnTicket, prompt: String, events: List<ChatEvent>, metadata: JobMetadata) = synchronized(lock) {
        val session = ticket.session
        session.turnRunning = false
        if (session.deleted) return@synchronized
        session.events += events
        session.jobMetadata = metadata
        session.turns = ticket.turn
        if (session.title == null) session.title = Titles.fromFirstMessage(prompt)
        touch(session)
    }

    private fun find(scope: String, id: String): StoredSession? = byId[id]?.takeIf { it.scope == scope }

    private fun touch(session: StoredSession) {
        val index = byScope.getValue(session.scope)
        index.remove(session.sortKey)
        session.updatedMicros = clock.next()
        index[session.sortKey] = session
    }
}

/** A running turn: its session and its number in the session (1 for the first). */
internal class TurnTicket(val session: StoredSession, val turn: Long)

/** What [SessionStore.beginTurn] decided. */
internal sealed interface TurnStart {
    object NotFound : TurnStart
    class Conflict(val detail: String) : TurnStart
    class Started(val ticket: TurnTicket) : TurnStart
}

package dev.llamachat.benchmarks

/**
 * A few sessions used in turn. A session takes one turn at a time (409 otherwise), and a client may finish its
 * turn at `stop` a moment before the server has closed the turn, so back-to-back turns go to different sessions.
 */
internal class SessionRing(private val sessions: List<String>) {
    init {
        require(sessions.isNotEmpty()) { "no sessions" }
    }

    private var next = 0

    fun next(): String = sessions[next++ % sessions.size]

    companion object {
        const val SIZE: Int = 4
    }
}

package dev.llamachat.benchmarks.clients

import java.io.Closeable

/**
 * One way of streaming a chat turn, measured against the others. Every client talks to the same benchmark server
 * over loopback, keeps its connections between turns, and decodes every event (except the raw-bytes ceiling).
 */
internal interface StreamClient : Closeable {
    /** The row label in the report. */
    val name: String

    /** Whether [runTurn] may be called from many coroutines at once through this one client. */
    val concurrent: Boolean get() = false

    /** Whether [runTurn] blocks its thread for the whole turn (a blocking API), so that each stream needs its own. */
    val blocksThread: Boolean get() = false

    /**
     * Streams one turn of [prompt] on [sessionId] to its end. [onFirstEvent] runs once, when the first event has
     * been decoded and delivered to the caller (for the raw-bytes client: the first body bytes). [onEvent], when
     * given, sees every event's type (the memory probe uses it to tell the deltas from the final `text`).
     * @return the number of events delivered, or [NOT_COUNTED] when the client does not parse events.
     */
    suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)? = null, onFirstEvent: () -> Unit): Int

    companion object {
        const val NOT_COUNTED: Int = -1
    }
}

/** Keeps decoded content reachable so that no JIT can drop the decoding work of a client. */
internal object ContentSink {
    @Volatile
    var chars: Long = 0
}

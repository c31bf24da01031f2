package dev.llamachat.testkit.internal

import java.util.concurrent.ConcurrentHashMap
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.withTimeoutOrNull

/** Counters tests and benchmarks read: running turns, open streams, distinct client connections. */
internal class ServerStats {
    /** (running turns, open streams), in one flow so that waiting for both is one condition. */
    private val activity = MutableStateFlow(Activity(0, 0))
    private val connections = ConcurrentHashMap.newKeySet<String>()

    val runningTurns: Int get() = activity.value.turns
    val openStreams: Int get() = activity.value.streams
    val connectionsSeen: Int get() = connections.size

    fun connection(remoteHost: String, remotePort: Int) {
        connections += "$remoteHost:$remotePort"
    }

    fun turnStarted() = activity.update { it.copy(turns = it.turns + 1) }
    fun turnEnded() = activity.update { it.copy(turns = it.turns - 1) }
    fun streamOpened() = activity.update { it.copy(streams = it.streams + 1) }
    fun streamClosed() = activity.update { it.copy(streams = it.streams - 1) }

    /** True once [condition] holds, false if [timeoutMillis] passed first. */
    suspend fun await(timeoutMillis: Long, condition: (Activity) -> Boolean): Boolean =
        withTimeoutOrNull(timeoutMillis) { activity.first(condition) } != null

    data class Activity(val turns: Int, val streams: Int)
}

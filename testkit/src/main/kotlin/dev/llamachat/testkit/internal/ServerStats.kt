package dev.llamachat.testkit.internal

import java.time.Duration
import java.util.concurrent.ConcurrentHashMap
import kotlin.time.toKotlinDuration
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull

/** Counters tests and benchmarks read: running turns, open streams (turns and scripted streams), distinct client connections. */
internal class ServerStats {
    /** (running turns, open streams (turns and scripted streams)), in one flow so that waiting for both is one condition. */
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

    /** Blocks until [condition] holds (true), or [timeout] passed first (false). */
    fun await(timeout: Duration, condition: (Activity) -> Boolean): Boolean =
        runBlocking { withTimeoutOrNull(timeout.toKotlinDuration()) { activity.first(condition) } != null }

    data class Activity(val turns: Int, val streams: Int)
}

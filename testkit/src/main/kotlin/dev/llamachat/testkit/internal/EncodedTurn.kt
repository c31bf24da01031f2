package dev.llamachat.testkit.internal

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import dev.llamachat.internal.SseEncoder

/** A turn ready to stream: its events as SSE frames (written with core's [SseEncoder]) and what it leaves behind. */
internal interface EncodedTurn {
    /** How many events the turn has, the final `stop` included. */
    val size: Int

    /** What the turn cost (carried by its `stop`). */
    val usage: Usage

    /** Event [index] as written on the wire. */
    fun frame(index: Int): ByteArray

    /** Event [index] itself. */
    fun event(index: Int): ChatEvent

    /** Whether event [index] is a delta, which the server's token delay paces. */
    fun isDelta(index: Int): Boolean

    /** The events the session's history keeps once the first [sent] events went out. */
    fun stored(sent: Int): List<ChatEvent>
}

/** An agent turn: few events, each flushed as it is produced. */
internal class AgentEncodedTurn(private val turn: AgentTurn) : EncodedTurn {
    private val frames: List<ByteArray> = turn.events.map { SseEncoder.encode(it).toByteArray(Charsets.UTF_8) }

    override val size: Int get() = frames.size
    override val usage: Usage get() = turn.usage
    override fun frame(index: Int): ByteArray = frames[index]
    override fun event(index: Int): ChatEvent = turn.events[index]
    override fun isDelta(index: Int): Boolean = turn.events[index].let { it is ChatEvent.TextDelta || it is ChatEvent.ThinkingDelta }
    override fun stored(sent: Int): List<ChatEvent> =
        turn.events.subList(0, minOf(sent, size)).filterIndexed { i, _ -> !isDelta(i) }
}

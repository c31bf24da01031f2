package dev.llamachat.benchmarks.server

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import dev.llamachat.benchmarks.SseCorpus
import dev.llamachat.internal.SseEncoder
import kotlin.random.Random

/**
 * What the benchmark server streams for a prompt `bench:<n>[:blocks|:length][:notext]`: n `text_delta` events
 * (tokens as [SseCorpus] makes them, 3 to 12 characters), then, unless `notext`, `text` with the whole answer, then
 * `stop`. Framed as [framing] says.
 */
internal class BenchTurn(val deltas: Int, val framing: Framing, val withText: Boolean) {
    /** How the server puts the events on the wire. */
    enum class Framing(val flag: String) {
        /** One HTTP chunk per event, each in its own write: what a server that flushes every event sends. */
        FLUSHED(""),

        /**
         * One HTTP chunk per event too (the same bytes on the wire), but the chunks packed into 64 KiB writes, so that
         * the server outruns every client and the figure measures the client, not the server's system calls.
         */
        BLOCKS(":blocks"),

        /** One `Content-Length` body in 64 KiB writes: no per-chunk cost at all. */
        LENGTH(":length"),
    }

    /** How many events a client decodes. */
    val events: Int get() = deltas + (if (withText) 1 else 0) + 1

    /** Each event's SSE bytes in order; the deltas cycle through a fixed pool, so nothing is encoded per turn. */
    fun forEachEvent(action: (ByteArray) -> Unit) {
        val answer = if (withText) StringBuilder(deltas * 8) else null
        for (i in 0 until deltas) {
            val slot = i % POOL_SIZE
            action(POOL_FRAMES[slot])
            answer?.append(POOL_TOKENS[slot])
        }
        if (answer != null) action(SseEncoder.encode(ChatEvent.Text(answer.toString())).toByteArray(Charsets.UTF_8))
        action(STOP)
    }

    companion object {
        private const val POOL_SIZE = 4096
        private val POOL_TOKENS: Array<String> = Random(7).let { random -> Array(POOL_SIZE) { SseCorpus.token(random) } }
        private val POOL_FRAMES: Array<ByteArray> =
            Array(POOL_SIZE) { SseEncoder.encode(ChatEvent.TextDelta(POOL_TOKENS[it])).toByteArray(Charsets.UTF_8) }
        private val STOP = SseEncoder.encode(ChatEvent.Stop(null, false, Usage(turns = 1))).toByteArray(Charsets.UTF_8)

        /** The turn a prompt asks for, or null if it is not a `bench:` prompt. */
        fun parse(prompt: String): BenchTurn? {
            val words = prompt.split(':')
            if (words.size < 2 || words[0] != "bench") return null
            val deltas = words[1].toIntOrNull()?.takeIf { it >= 0 } ?: return null
            val flags = words.drop(2).toSet()
            if (!flags.all { it == "length" || it == "blocks" || it == "notext" } || ("length" in flags && "blocks" in flags)) return null
            val framing = when {
                "length" in flags -> Framing.LENGTH
                "blocks" in flags -> Framing.BLOCKS
                else -> Framing.FLUSHED
            }
            return BenchTurn(deltas, framing, withText = "notext" !in flags)
        }
    }
}

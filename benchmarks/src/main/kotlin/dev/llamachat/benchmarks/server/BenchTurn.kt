package dev.llamachat.benchmarks.server

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import dev.llamachat.benchmarks.SseCorpus
import dev.llamachat.internal.SseEncoder
import kotlin.random.Random

/**
 * What the benchmark server streams for a prompt `bench:<n>[:length][:notext]`: n `text_delta` events (tokens as
 * [SseCorpus] makes them, 3 to 12 characters), then, unless `notext`, `text` with the whole answer, then `stop`.
 * Framed one HTTP chunk per event (as a server that flushes each event sends it), or, with `length`, as one
 * `Content-Length` body.
 */
internal class BenchTurn(val deltas: Int, val contentLength: Boolean, val withText: Boolean) {
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
            if (!flags.all { it == "length" || it == "notext" }) return null
            return BenchTurn(deltas, contentLength = "length" in flags, withText = "notext" !in flags)
        }
    }
}

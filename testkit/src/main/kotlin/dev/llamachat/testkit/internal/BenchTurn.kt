package dev.llamachat.testkit.internal

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import dev.llamachat.internal.SseEncoder
import kotlin.random.Random

/**
 * The long turn behind prompts of the form `bench:<N>`: N `text_delta` events (tokens of 3 to 12 characters, some
 * non-ASCII, a few needing JSON escapes), then `text` and `stop`, never paced. For tests that need a turn of a
 * known length; its history keeps only the prompt and `stop` (not megabytes of text). Benchmarks that need a
 * faster server script their own bulk body through a [dev.llamachat.testkit.Dispatcher].
 */
internal class BenchTurn(private val count: Int, turn: Long) : EncodedTurn {
    override val size: Int get() = count + 2
    override val usage: Usage = Usage(count / 500.0, Tokens.count(PREFIX + count), count.toLong(), turn)
    private val stop = ChatEvent.Stop(null, false, usage)

    override fun frame(index: Int): ByteArray = when {
        index < count -> POOL_FRAMES[index % POOL_SIZE]
        else -> SseEncoder.encode(event(index)).toByteArray(Charsets.UTF_8)
    }

    override fun event(index: Int): ChatEvent = when {
        index < count -> ChatEvent.TextDelta(POOL[index % POOL_SIZE])
        index == count -> ChatEvent.Text(text(count))
        else -> stop
    }

    override fun isDelta(index: Int): Boolean = index < count

    override fun stored(sent: Int): List<ChatEvent> = if (sent >= size) listOf(stop) else emptyList()

    companion object {
        const val PREFIX: String = "bench:"

        /** Larger counts are not bench prompts: the final `text` alone would be hundreds of megabytes. */
        const val MAX_EVENTS: Int = 5_000_000

        private const val POOL_SIZE = 1000
        private const val NON_ASCII = "éèüößñçåøπλжд日本語中文한국€"
        private const val ASCII = "abcdefghijklmnopqrstuvwxyz"

        /** N if [prompt] is `bench:<N>` with 0 <= N <= [MAX_EVENTS], else null. */
        fun parse(prompt: String): Int? {
            if (!prompt.startsWith(PREFIX)) return null
            val digits = prompt.substring(PREFIX.length)
            if (digits.isEmpty() || digits.length > 8 || digits.any { it !in '0'..'9' }) return null
            return digits.toInt().takeIf { it <= MAX_EVENTS }
        }

        private val POOL: List<String> = Random(20250422).let { random ->
            List(POOL_SIZE) { i ->
                val length = 3 + random.nextInt(10)
                buildString {
                    if (random.nextInt(10) < 7) append(' ')
                    while (this.length < length) {
                        append(if (random.nextInt(8) == 0) NON_ASCII[random.nextInt(NON_ASCII.length)] else ASCII[random.nextInt(ASCII.length)])
                    }
                    // A few tokens need JSON escapes, as real model output does.
                    if (i % 97 == 5) setCharAt(length - 1, '"')
                    if (i % 89 == 7) setCharAt(length - 1, '\n')
                }
            }
        }

        private val POOL_FRAMES: List<ByteArray> = POOL.map { SseEncoder.encode(ChatEvent.TextDelta(it)).toByteArray(Charsets.UTF_8) }

        private val POOL_TEXT: String = POOL.joinToString("")

        private fun text(count: Int): String {
            val builder = StringBuilder(count / POOL_SIZE * POOL_TEXT.length + POOL_TEXT.length)
            repeat(count / POOL_SIZE) { builder.append(POOL_TEXT) }
            for (i in 0 until count % POOL_SIZE) builder.append(POOL[i])
            return builder.toString()
        }
    }
}

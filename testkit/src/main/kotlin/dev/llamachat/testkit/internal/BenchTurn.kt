package dev.llamachat.testkit.internal

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import dev.llamachat.internal.SseEncoder
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.writeFully
import java.util.Collections
import kotlin.random.Random

/**
 * The bulk turn behind prompts of the form `bench:<N>`: N `text_delta` events (tokens of 3 to 12 characters,
 * some non-ASCII, a few needing JSON escapes), then `text` and `stop`. The deltas cycle through a fixed pool
 * whose frames are encoded once into one block of about 64 KiB, so a turn is a few large writes and the server
 * is never what limits a client benchmark. Its history keeps only the prompt and `stop` (not megabytes of text).
 */
internal class BenchTurn(private val count: Int, turn: Long) : EncodedTurn {
    override val size: Int get() = count + 2
    override val usage: Usage = Usage(count / 500.0, Tokens.count(PREFIX + count), count.toLong(), turn)
    private val stop = ChatEvent.Stop(null, false, usage)
    private val stopFrame = SseEncoder.encode(stop).toByteArray(Charsets.UTF_8)
    private val textFrame: ByteArray by lazy(LazyThreadSafetyMode.NONE) { textFrame(count) }

    override fun frame(index: Int): ByteArray = when {
        index < count -> POOL_FRAMES[index % POOL_SIZE]
        index == count -> textFrame
        else -> stopFrame
    }

    override fun event(index: Int): ChatEvent = when {
        index < count -> ChatEvent.TextDelta(POOL[index % POOL_SIZE])
        index == count -> ChatEvent.Text(text(count))
        else -> stop
    }

    override fun isDelta(index: Int): Boolean = index < count

    override fun stored(sent: Int): List<ChatEvent> = if (sent >= size) listOf(stop) else emptyList()

    override val contentLength: Long
        get() = count / POOL_SIZE * BLOCK.size.toLong() + OFFSETS[count % POOL_SIZE] + textFrame.size + stopFrame.size

    override suspend fun writeAll(channel: ByteWriteChannel) {
        repeat(count / POOL_SIZE) {
            channel.writeFully(BLOCK)
            channel.flush()
        }
        channel.writeFully(BLOCK, 0, OFFSETS[count % POOL_SIZE])
        var start = 0
        while (start < textFrame.size) {
            val end = minOf(textFrame.size, start + CHUNK)
            channel.writeFully(textFrame, start, end)
            channel.flush()
            start = end
        }
        channel.writeFully(stopFrame)
        channel.flush()
    }

    companion object {
        const val PREFIX: String = "bench:"

        /** Larger counts are not bench prompts: the final `text` alone would be hundreds of megabytes. */
        const val MAX_EVENTS: Int = 5_000_000

        private const val POOL_SIZE = 1000
        private const val CHUNK = 64 * 1024
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

        /** Every pool frame, back to back; [OFFSETS] holds where frame i starts (and the total at the end). */
        private val BLOCK: ByteArray
        private val OFFSETS = IntArray(POOL_SIZE + 1)

        init {
            for (i in 0 until POOL_SIZE) OFFSETS[i + 1] = OFFSETS[i] + POOL_FRAMES[i].size
            BLOCK = ByteArray(OFFSETS[POOL_SIZE])
            for (i in 0 until POOL_SIZE) POOL_FRAMES[i].copyInto(BLOCK, OFFSETS[i])
        }

        private val POOL_TEXT: String = POOL.joinToString("")

        /** Benchmarks repeat the same N, and the `text` frame is the one costly part; keep the last few. */
        private val TEXT_FRAMES: MutableMap<Int, ByteArray> = Collections.synchronizedMap(
            object : LinkedHashMap<Int, ByteArray>(8, 0.75f, true) {
                override fun removeEldestEntry(eldest: MutableMap.MutableEntry<Int, ByteArray>?): Boolean = size > 4
            },
        )

        private fun text(count: Int): String {
            val builder = StringBuilder(count / POOL_SIZE * POOL_TEXT.length + POOL_TEXT.length)
            repeat(count / POOL_SIZE) { builder.append(POOL_TEXT) }
            for (i in 0 until count % POOL_SIZE) builder.append(POOL[i])
            return builder.toString()
        }

        private fun textFrame(count: Int): ByteArray =
            TEXT_FRAMES[count] ?: SseEncoder.encode(ChatEvent.Text(text(count))).toByteArray(Charsets.UTF_8)
                .also { if (count <= MAX_CACHED_EVENTS) TEXT_FRAMES[count] = it }

        /** Up to about 8 MB per cached frame; larger turns are rare enough to encode each time. */
        private const val MAX_CACHED_EVENTS = 1_000_000
    }
}

package dev.llamachat.benchmarks

import dev.llamachat.internal.ChatEventJson
import dev.llamachat.internal.SseDecoder
import dev.llamachat.internal.SseFrame
import java.io.BufferedReader
import java.io.ByteArrayInputStream
import java.io.InputStreamReader
import java.util.function.Consumer

/**
 * The stages of [DecoderPaths] one at a time, so that a gap can be put down to a stage: SSE framing alone,
 * JSON to event alone (over frames split beforehand), and the reference's line reading and JSON alone.
 */
public object DecoderStages {
    /** core's [SseDecoder] only: bytes to [SseFrame]s (data decoded from UTF-8), no JSON. */
    @JvmStatic
    public fun sdkFraming(bytes: ByteArray, chunkSize: Int, sink: Consumer<Any>): Int {
        val decoder = SseDecoder()
        var count = 0
        var offset = 0
        while (offset < bytes.size) {
            val length = minOf(chunkSize, bytes.size - offset)
            decoder.feed(bytes, offset, length)
            while (true) {
                sink.accept(decoder.next() ?: break)
                count++
            }
            offset += length
        }
        return count
    }

    /**
     * [count] `text_delta` data, each with a JSON escape, as a model writing Markdown sends them (newlines, quotes,
     * and `\\uXXXX` from a server that writes only ASCII).
     */
    @JvmStatic
    public fun escapedDeltas(count: Int): List<ByteArray> = List(count) { i ->
        "{\"type\":\"text_delta\",\"content\":\"${ESCAPED_TEXTS[i % ESCAPED_TEXTS.size]}\"}".toByteArray(Charsets.UTF_8)
    }

    private val ESCAPED_TEXTS = listOf(
        "\\n\\n## Results\\n", " \\\"quoted\\\"", "line one\\nline two", " caf\\u00e9 \\u65e5\\u672c", "- item\\n",
        " \\\\path\\\\to", "\\tindented", "end.\\n",
    )

    /** The same deltas as the general path decodes them: the data's String, then [ChatEventJson]. */
    @JvmStatic
    public fun sdkGeneralDeltas(deltas: List<ByteArray>, sink: Consumer<Any>): Int {
        for (data in deltas) sink.accept(ChatEventJson.decode(String(data, Charsets.UTF_8), null))
        return deltas.size
    }

    /** The frames of a stream, split once, for [sdkJson]. */
    @JvmStatic
    public fun frames(bytes: ByteArray): List<SseFrame> {
        val frames = ArrayList<SseFrame>()
        sdkFraming(bytes, bytes.size) { frames.add(it as SseFrame) }
        return frames
    }

    /** core's [ChatEventJson.decode] only, over frames split beforehand. */
    @JvmStatic
    public fun sdkJson(frames: List<SseFrame>, sink: Consumer<Any>): Int {
        for (frame in frames) sink.accept(ChatEventJson.decode(frame.data, frame.event))
        return frames.size
    }

    /** The reference's `readLine` only: every line of the stream, no JSON. */
    @JvmStatic
    public fun referenceLines(bytes: ByteArray, sink: Consumer<Any>): Int {
        val reader = BufferedReader(InputStreamReader(ByteArrayInputStream(bytes), Charsets.UTF_8))
        var count = 0
        while (true) {
            sink.accept(reader.readLine() ?: break)
            count++
        }
        return count
    }

    /** The reference's kotlinx decoding into [RefEvent] only, over the same frames' data. */
    @JvmStatic
    public fun referenceJson(frames: List<SseFrame>, sink: Consumer<Any>): Int {
        for (frame in frames) sink.accept(RefEvent.decode(frame.data))
        return frames.size
    }
}

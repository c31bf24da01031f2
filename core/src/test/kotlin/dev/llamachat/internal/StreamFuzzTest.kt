package dev.llamachat.internal

import com.code_intelligence.jazzer.junit.FuzzTest
import dev.llamachat.ChatEvent
import dev.llamachat.StreamException
import kotlin.random.Random
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.SerializationException

/**
 * Coverage-guided fuzz tests (Jazzer) of the three stages a hostile server can reach: the SSE decoder, one event's
 * JSON, and the whole turn decoder. Each may fail only with its documented typed error; anything else (an
 * IndexOutOfBounds, a StackOverflowError, a ClassCastException, an OutOfMemoryError) is a bug. Besides not
 * crashing, each checks what must hold of any input: chunking never changes the frames, a decoded event survives
 * a round trip, a failed turn reports exactly the events it delivered.
 *
 * In the normal build (`mvn verify`) each method only replays its checked-in seed corpus (in Surefire execution `fuzz-corpus-replay`, a JVM of its own, so Jazzer's agent instruments nothing else), under
 * `src/test/resources/dev/llamachat/internal/StreamFuzzTestInputs/<method>/`, which includes every input that
 * ever crashed one. To fuzz one method for a set time (Jazzer fuzzes a single method per run; findings are
 * written to that inputs directory, the generated corpus to `core/.cifuzz-corpus/`, which git ignores):
 *
 * ```
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=5m JAZZER_INSTRUMENTATION_INCLUDES='dev.llamachat.**:kotlinx.serialization.json.**' \
 *     mvn -B -o -pl core test-compile surefire:test@fuzz-corpus-replay -Dtest='StreamFuzzTest#eventJson'
 * ```
 * (`sseFrames` and `eventStream` likewise). libFuzzer's progress and its closing `Done <n> runs in <s> second(s)`
 * line appear in Maven's output; a crash fails the test and leaves its input under the inputs directory above.
 *
 * Inputs are raw bytes, so the seeds are readable files: for [sseFrames] and [eventStream] the first byte picks
 * the chunking and the event size limit and the rest is the response body; for [eventJson] an optional
 * `<event name>` line precedes the JSON.
 */
class StreamFuzzTest {
    /** The SSE decoder over arbitrary bytes cut into arbitrary chunks: only [SseLimitException], and chunking never matters. */
    @FuzzTest
    fun sseFrames(input: ByteArray) {
        if (input.isEmpty()) return
        val header = input[0].toInt() and 0xFF
        val body = input.copyOfRange(1, input.size)
        val limit = limitFor(header)
        val whole = decodeFrames(SseDecoder(limit), listOf(body))
        val chunked = decodeFrames(SseDecoder(limit), chunks(body, Random(header)))
        when {
            whole.limitHit && !chunked.limitHit ->
                throw AssertionError("the whole body hit the $limit-byte limit but the chunked one did not")
            // A line longer than the limit fails only when it spans chunks (a whole line in one chunk is read in
            // place), so with the limit hit the chunked frames are a prefix of the whole ones.
            chunked.limitHit -> check(whole.frames.take(chunked.frames.size) == chunked.frames) {
                "chunking changed the frames before the limit: ${whole.frames} vs ${chunked.frames}"
            }
            else -> check(whole.frames == chunked.frames) { "chunking changed the frames: ${whole.frames} vs ${chunked.frames}" }
        }
    }

    /** One event's JSON: only SerializationException / IllegalArgumentException, and what decodes re-encodes to itself. */
    @FuzzTest
    fun eventJson(input: ByteArray) {
        val newline = input.indexOf('\n'.code.toByte())
        val name = if (newline in 0 until MAX_NAME_BYTES) String(input, 0, newline, Charsets.UTF_8) else null
        val json = if (name != null) String(input, newline + 1, input.size - newline - 1, Charsets.UTF_8) else String(input, Charsets.UTF_8)
        val event = try {
            ChatEventJson.decode(json, name)
        } catch (_: SerializationException) {
            return
        } catch (_: IllegalArgumentException) {
            return
        }
        val again = ChatEventJson.decode(ChatEventJson.encode(event), name)
        check(again == event) { "round trip changed the event: $event became $again" }
    }

    /** The turn decoder over arbitrary bytes: only [StreamException]s, each counting exactly the events delivered. */
    @FuzzTest
    fun eventStream(input: ByteArray) {
        if (input.isEmpty()) return
        val header = input[0].toInt() and 0xFF
        val body = input.copyOfRange(1, input.size)
        // Every other header breaks the connection after the body instead of ending it cleanly.
        val source = ChunkedSource(chunks(body, Random(header)), failAtEnd = header and 1 == 1)
        val delivered = ArrayList<ChatEvent>()
        val failure = try {
            runBlocking { decodeChatEvents(source, limitFor(header), idleTimeout = null, bufferSize = 1 + header % 64).collect { delivered += it } }
            null
        } catch (e: StreamException) {
            e
        }
        if (failure == null) {
            check(delivered.lastOrNull() is ChatEvent.Stop) { "the turn completed without stop: $delivered" }
        } else {
            check(failure.eventsReceived == delivered.size) { "${failure.eventsReceived} events reported, ${delivered.size} delivered" }
            check(failure.lastEventType == delivered.lastOrNull()?.type) { "last type ${failure.lastEventType}, delivered $delivered" }
        }
        check(delivered.count { it is ChatEvent.Stop } <= 1 && delivered.dropLast(1).none { it is ChatEvent.Stop }) {
            "events were delivered after stop: $delivered"
        }
    }

    private class Frames(val frames: List<Triple<String?, String, String?>>, val limitHit: Boolean)

    private fun decodeFrames(decoder: SseDecoder, chunks: List<ByteArray>): Frames {
        val frames = ArrayList<Triple<String?, String, String?>>()
        try {
            for (chunk in chunks) {
                decoder.feed(chunk)
                while (true) {
                    val frame = decoder.next() ?: break
                    frames += Triple(frame.event, frame.data, frame.id)
                }
            }
        } catch (_: SseLimitException) {
            return Frames(frames, limitHit = true)
        }
        return Frames(frames, limitHit = false)
    }

    /** Reads hand out one chunk at a time (less if the reader's buffer is smaller), then the end or a failure. */
    private class ChunkedSource(chunks: List<ByteArray>, private val failAtEnd: Boolean) : ByteSource {
        private val pending = ArrayDeque(chunks)
        private var current: ByteArray? = null
        private var position = 0

        override suspend fun read(buffer: ByteArray, offset: Int, length: Int): Int {
            while (current == null || position == current!!.size) {
                current = pending.removeFirstOrNull() ?: if (failAtEnd) throw java.io.IOException("connection reset") else return -1
                position = 0
            }
            val bytes = current!!
            val n = minOf(length, bytes.size - position)
            System.arraycopy(bytes, position, buffer, offset, n)
            position += n
            return n
        }
    }

    private companion object {
        const val MAX_NAME_BYTES = 40

        /** Half the headers use a small limit so that inputs of a few hundred bytes reach it. */
        fun limitFor(header: Int): Int = if (header and 0x80 != 0) 8 + (header and 0x7F) * 4 else SseDecoder.DEFAULT_MAX_EVENT_BYTES

        /** [body] cut at random points (empty chunks included: a transport may hand one over). */
        fun chunks(body: ByteArray, random: Random): List<ByteArray> {
            val out = ArrayList<ByteArray>()
            var start = 0
            while (start < body.size) {
                val size = when (random.nextInt(4)) {
                    0 -> 0
                    1 -> 1
                    2 -> random.nextInt(1, 8)
                    else -> random.nextInt(1, 256)
                }
                val end = minOf(body.size, start + size)
                out += body.copyOfRange(start, end)
                start = end
            }
            return out
        }
    }
}

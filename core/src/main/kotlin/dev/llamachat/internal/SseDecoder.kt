package dev.llamachat.internal

import dev.llamachat.InternalLlamaChatApi

/**
 * An incremental Server-Sent Events decoder following the WHATWG parsing rules, fed raw bytes in chunks of any
 * size: a chunk may end inside a multi-byte UTF-8 character or between the CR and LF of one line end.
 *
 * It scans bytes for line ends and copies only what it must: a line that is whole inside a chunk is read in
 * place, a `data` value is appended once to a reusable buffer, and each event's data is decoded from UTF-8 once.
 * No event may exceed [maxEventBytes]; a longer one (or a line that never ends) fails with [SseLimitException]
 * instead of growing without bound.
 *
 * Use: [feed] a chunk, then call [next] until it returns null, then feed the next chunk. The decoder keeps a
 * reference to the chunk until [next] returns null, so the caller may reuse its array only after that.
 *
 * This is the framing only: what an event's data means (the `[DONE]` sentinel, the JSON, when a turn ends) is
 * the turn stage's, [ChatTurnDecoder].
 */
@InternalLlamaChatApi
public class SseDecoder(public val maxEventBytes: Int = DEFAULT_MAX_EVENT_BYTES) {
    init {
        require(maxEventBytes > 0) { "maxEventBytes must be positive, was $maxEventBytes" }
    }

    private var chunk: ByteArray = EMPTY
    private var pos = 0
    private var end = 0

    /** The part of a line that began in an earlier chunk. */
    private val carry = ByteBuffer(256)

    /** The `data` lines of the event being read, joined with LF. */
    private val data = ByteBuffer(1024)
    private var hasData = false
    private var eventName: String? = null
    private var lastId: String? = null

    /**
     * The event names met so far and their bytes: a turn repeats a handful of names (`text_delta` hundreds of
     * times), so after the first of each an `event:` line costs a byte comparison instead of a new String.
     */
    private val names = arrayOfNulls<String>(NAME_CACHE_SIZE)
    private val nameBytes = arrayOfNulls<ByteArray>(NAME_CACHE_SIZE)
    private var nextNameSlot = 0

    /** The previous chunk ended in CR: an LF at the start of this one belongs to the same line end. */
    private var skipLeadingLf = false

    /** Bytes of a leading UTF-8 BOM still to be recognised at the very start of the stream (3 .. 0). */
    private var bomPending = BOM.size

    /** Hands the decoder the next chunk of the stream: `bytes[offset until offset + length]`. */
    public fun feed(bytes: ByteArray, offset: Int = 0, length: Int = bytes.size) {
        check(pos >= end) { "feed() before next() returned null: the previous chunk is not used up" }
        require(offset >= 0 && length >= 0 && offset + length <= bytes.size) { "bad range $offset+$length of ${bytes.size}" }
        chunk = bytes
        pos = offset
        end = offset + length
    }

    /**
     * The next complete event from the bytes fed so far, or null when they are used up.
     * @throws SseLimitException if an event or line exceeds [maxEventBytes].
     */
    public fun next(): SseFrame? {
        if (bomPending > 0 && !skipBom()) return null
        if (skipLeadingLf && pos < end) {
            skipLeadingLf = false
            if (chunk[pos] == LF) pos++
        }
        while (pos < end) {
            val lineEnd = indexOfLineEnd(chunk, pos, end)
            if (lineEnd < 0) {
                appendToCarry(chunk, pos, end)
                pos = end
                return null
            }
            val frame = if (carry.size == 0) {
                processLine(chunk, pos, lineEnd)
            } else {
                appendToCarry(chunk, pos, lineEnd)
                processLine(carry.bytes, 0, carry.size).also { carry.clear() }
            }
            pos = lineEnd + 1
            if (chunk[lineEnd] == CR) {
                if (pos < end) {
                    if (chunk[pos] == LF) pos++
                } else {
                    skipLeadingLf = true
                }
            }
            if (frame != null) return frame
        }
        return null
    }

    /** Consumes a leading BOM, possibly split across chunks; false if more bytes are needed to decide. */
    private fun skipBom(): Boolean {
        while (bomPending > 0 && pos < end) {
            val expected = BOM[BOM.size - bomPending]
            if (chunk[pos] != expected) {
                // Not a BOM after all: what matched so far is ordinary line content.
                carry.append(BOM, 0, BOM.size - bomPending)
                bomPending = 0
                return true
            }
            pos++
            bomPending--
        }
        return bomPending == 0
    }

    private fun appendToCarry(bytes: ByteArray, from: Int, to: Int) {
        if (carry.size + (to - from) > maxEventBytes + MAX_FIELD_PREFIX) throw SseLimitException(maxEventBytes)
        carry.append(bytes, from, to - from)
    }

    /** Handles one line (without its line end); returns a frame when the line dispatches one. */
    private fun processLine(bytes: ByteArray, from: Int, to: Int): SseFrame? {
        if (from == to) return dispatch()
        if (bytes[from] == COLON) return null // a comment, such as a keep-alive
        var colon = from
        while (colon < to && bytes[colon] != COLON) colon++
        var valueFrom = if (colon < to) colon + 1 else to
        if (valueFrom < to && bytes[valueFrom] == SPACE) valueFrom++
        when {
            fieldIs(bytes, from, colon, DATA) -> {
                val added = (to - valueFrom) + if (hasData) 1 else 0
                if (data.size + added > maxEventBytes) throw SseLimitException(maxEventBytes)
                if (hasData) data.append(LF)
                data.append(bytes, valueFrom, to - valueFrom)
                hasData = true
            }
            fieldIs(bytes, from, colon, EVENT) -> eventName = eventName(bytes, valueFrom, to)
            fieldIs(bytes, from, colon, ID) -> {
                if (!contains(bytes, valueFrom, to, 0)) lastId = String(bytes, valueFrom, to - valueFrom, Charsets.UTF_8)
            }
            // `retry` only matters to reconnecting EventSource clients; a chat turn is never resumed.
            else -> Unit
        }
        return null
    }

    private fun eventName(bytes: ByteArray, from: Int, to: Int): String {
        for (i in 0 until NAME_CACHE_SIZE) {
            val known = nameBytes[i] ?: break
            if (fieldIs(bytes, from, to, known)) return names[i]!!
        }
        val name = String(bytes, from, to - from, Charsets.UTF_8)
        if (to - from > MAX_CACHED_NAME_BYTES) return name
        val slot = nextNameSlot
        names[slot] = name
        nameBytes[slot] = bytes.copyOfRange(from, to)
        nextNameSlot = (slot + 1) % NAME_CACHE_SIZE
        return name
    }

    private fun dispatch(): SseFrame? {
        if (!hasData) {
            eventName = null
            return null
        }
        val frame = SseFrame(eventName, data.decodeUtf8(), lastId)
        data.clear()
        hasData = false
        eventName = null
        return frame
    }

    public companion object {
        /** 1 MiB: far above any real event, low enough that a hostile stream cannot exhaust memory. */
        public const val DEFAULT_MAX_EVENT_BYTES: Int = 1 shl 20

        private val EMPTY = ByteArray(0)

        /** Room for a field name such as `data: ` on a line whose value may be [maxEventBytes] long. */
        private const val MAX_FIELD_PREFIX = 64

        /** More than the number of event types a turn uses. */
        private const val NAME_CACHE_SIZE = 16

        /** Longer names are not kept: a hostile stream must not make the cache hold much. */
        private const val MAX_CACHED_NAME_BYTES = 64
        private val BOM = byteArrayOf(0xEF.toByte(), 0xBB.toByte(), 0xBF.toByte())
        private val DATA = "data".toByteArray()
        private val EVENT = "event".toByteArray()
        private val ID = "id".toByteArray()
        private const val LF: Byte = '\n'.code.toByte()
        private const val CR: Byte = '\r'.code.toByte()
        private const val COLON: Byte = ':'.code.toByte()
        private const val SPACE: Byte = ' '.code.toByte()

        private fun indexOfLineEnd(bytes: ByteArray, from: Int, to: Int): Int {
            for (i in from until to) {
                val b = bytes[i]
                if (b == LF || b == CR) return i
            }
            return -1
        }

        private fun fieldIs(bytes: ByteArray, from: Int, to: Int, name: ByteArray): Boolean {
            if (to - from != name.size) return false
            for (i in name.indices) if (bytes[from + i] != name[i]) return false
            return true
        }

        private fun contains(bytes: ByteArray, from: Int, to: Int, value: Byte): Boolean {
            for (i in from until to) if (bytes[i] == value) return true
            return false
        }
    }
}

/** An event or line exceeded [SseDecoder.maxEventBytes]. */
@InternalLlamaChatApi
public class SseLimitException(public val limitBytes: Int) :
    IllegalStateException("an SSE event exceeded $limitBytes bytes")

package dev.llamachat.internal

import dev.llamachat.InternalLlamaChatApi

/**
 * An incremental Server-Sent Events decoder following the WHATWG parsing rules, fed raw bytes in chunks of any
 * size: a chunk may end inside a multi-byte UTF-8 character or between the CR and LF of one line end.
 *
 * It scans bytes for line ends and copies only what it must: a line that is whole inside a chunk is read in
 * place, a `data` value is appended once to a reusable buffer, and each event's data is decoded from UTF-8 once.
 * No event may exceed [maxEventBytes]; a longer one (or a line that never ends) fails with [SseLimitException]
 * instead of growing without bound. Events named in [skippedEventNames] (by an `event:` line before their data) are
 * dropped as they are read: their data is neither kept nor counted against the limit, so a caller that does not
 * want an enormous event never holds it.
 *
 * Use: [feed] a chunk, then call [next] until it returns null, then feed the next chunk. The decoder keeps a
 * reference to the chunk until [next] returns null, so the caller may reuse its array only after that. [advance]
 * is [next] without the [SseFrame]: the event's fields are read in place ([eventName], [dataBytes], [data]), so a
 * caller that recognises an event from its bytes need not build a String of its whole data first.
 *
 * This is the framing only: what an event's data means (the `[DONE]` sentinel, the JSON, when a turn ends) is
 * the turn stage's, [ChatTurnDecoder].
 */
@InternalLlamaChatApi
public class SseDecoder(
    public val maxEventBytes: Int = DEFAULT_MAX_EVENT_BYTES,
    private val skippedEventNames: Set<String> = emptySet(),
) {
    init {
        require(maxEventBytes > 0) { "maxEventBytes must be positive, was $maxEventBytes" }
    }

    private var chunk: ByteArray = EMPTY
    private var pos = 0
    private var end = 0

    /** The part of a line that began in an earlier chunk. */
    private val carry = ByteBuffer(256)

    /** The `data` lines of the event being read, joined with LF. */
    private val dataBuffer = ByteBuffer(1024)
    private var hasData = false
    private var pendingName: String? = null

    /** The event being read is named in [skippedEventNames]: its data lines are not kept. */
    private var skipping = false
    private var lastId: String? = null

    /** The dispatched event's data is still readable; it is cleared when the decoder moves on. */
    private var dispatched = false

    /** The `event:` field of the event [advance] dispatched, or null if it had none. */
    public var eventName: String? = null
        private set

    /** The last event id seen up to the event [advance] dispatched, or null. */
    public val lastEventId: String? get() = lastId

    /** The UTF-8 data of the event [advance] dispatched: `dataBytes[0 until dataSize]`, valid until the next call. */
    public val dataBytes: ByteArray get() = dataBuffer.bytes

    /** See [dataBytes]. */
    public val dataSize: Int get() = dataBuffer.size

    /** The data of the event [advance] dispatched, decoded from UTF-8. */
    public fun data(): String = dataBuffer.decodeUtf8()

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
    public fun next(): SseFrame? = if (advance()) SseFrame(eventName, data(), lastId) else null

    /**
     * Moves to the next complete event from the bytes fed so far: true if one was dispatched (its fields are then
     * [eventName], [lastEventId], [dataBytes], [dataSize], [data]), false when the bytes are used up.
     * @throws SseLimitException if an event or line exceeds [maxEventBytes].
     */
    public fun advance(): Boolean {
        if (dispatched) {
            dispatched = false
            dataBuffer.clear()
            hasData = false
            eventName = null
        }
        if (bomPending > 0 && !skipBom()) return false
        if (skipLeadingLf && pos < end) {
            skipLeadingLf = false
            if (chunk[pos] == LF) pos++
        }
        while (pos < end) {
            val lineEnd = indexOfLineEnd(chunk, pos, end)
            if (lineEnd < 0) {
                appendToCarry(chunk, pos, end)
                pos = end
                return false
            }
            val dispatches = if (carry.size == 0) {
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
            if (dispatches) return true
        }
        return false
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
        // A data line of a skipped event spanning chunks: only its field name is kept, never its value.
        if (skipping && carryIsDataField()) return
        val skippedData = skipping && carry.size < DATA_FIELD.size && carry.size + (to - from) >= DATA_FIELD.size &&
            (0 until DATA_FIELD.size).all { i -> (if (i < carry.size) carry.bytes[i] else bytes[from + i - carry.size]) == DATA_FIELD[i] }
        if (skippedData) {
            carry.append(bytes, from, DATA_FIELD.size - carry.size)
            return
        }
        if (carry.size + (to - from) > maxEventBytes + MAX_FIELD_PREFIX) throw SseLimitException(maxEventBytes)
        carry.append(bytes, from, to - from)
    }

    private fun carryIsDataField(): Boolean = carry.size >= DATA_FIELD.size && fieldIs(carry.bytes, 0, DATA_FIELD.size, DATA_FIELD)

    /** Handles one line (without its line end); true when the line dispatches an event. */
    private fun processLine(bytes: ByteArray, from: Int, to: Int): Boolean {
        if (from == to) return dispatch()
        if (bytes[from] == COLON) return false // a comment, such as a keep-alive
        var colon = from
        while (colon < to && bytes[colon] != COLON) colon++
        var valueFrom = if (colon < to) colon + 1 else to
        if (valueFrom < to && bytes[valueFrom] == SPACE) valueFrom++
        when {
            fieldIs(bytes, from, colon, DATA) -> if (!skipping) {
                val added = (to - valueFrom) + if (hasData) 1 else 0
                if (dataBuffer.size + added > maxEventBytes) throw SseLimitException(maxEventBytes)
                if (hasData) dataBuffer.append(LF)
                dataBuffer.append(bytes, valueFrom, to - valueFrom)
                hasData = true
            }
            fieldIs(bytes, from, colon, EVENT) -> {
                val name = internName(bytes, valueFrom, to)
                pendingName = name
                skipping = skippedEventNames.isNotEmpty() && name in skippedEventNames
            }
            fieldIs(bytes, from, colon, ID) -> {
                if (!contains(bytes, valueFrom, to, 0)) lastId = String(bytes, valueFrom, to - valueFrom, Charsets.UTF_8)
            }
            // `retry` only matters to reconnecting EventSource clients; a chat turn is never resumed.
            else -> Unit
        }
        return false
    }

    private fun internName(bytes: ByteArray, from: Int, to: Int): String {
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

    /** A blank line: dispatches the event if it has data; its fields stay readable until the next [advance]. */
    private fun dispatch(): Boolean {
        val name = pendingName
        pendingName = null
        val skip = skipping
        skipping = false
        if (skip && hasData) { // data lines before the event line were kept; drop them now
            dataBuffer.clear()
            hasData = false
        }
        if (!hasData) return false
        eventName = name
        dispatched = true
        return true
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
        private val DATA_FIELD = "data:".toByteArray()
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
internal class SseLimitException(val limitBytes: Int) :
    IllegalStateException("an SSE event exceeded $limitBytes bytes")

package dev.llamachat.internal

import dev.llamachat.ChatEvent

/**
 * The fast path of the turn stage for the events that make up nearly all of a turn: a delta whose data is exactly
 * `{"type":"text_delta","content":"<text>"}` (or `thinking_delta`), as the service writes it, with nothing in the
 * text that JSON escapes. Its content is then the text's UTF-8 as it is, cut out of the event's bytes without a
 * JSON parser or the String of the whole data.
 *
 * Anything else returns null and goes to [ChatEventJson] (other keys, their order, spacing, escapes, control
 * characters, bad UTF-8), so an event decodes the same either way; `FastDeltaJsonSpec` checks that, and the fuzz
 * corpus replays through both.
 */
internal object FastDeltaJson {
    private val TEXT_DELTA = "{\"type\":\"text_delta\",\"content\":\"".toByteArray(Charsets.UTF_8)
    private val THINKING_DELTA = "{\"type\":\"thinking_delta\",\"content\":\"".toByteArray(Charsets.UTF_8)
    private const val QUOTE = '"'.code.toByte()
    private const val BACKSLASH = '\\'.code.toByte()
    private const val CLOSE = '}'.code.toByte()

    /** The delta that `bytes[0 until size]` is, or null if it is not a plain delta. */
    fun decode(bytes: ByteArray, size: Int): ChatEvent? {
        val text = startsWith(bytes, size, TEXT_DELTA)
        if (!text && !startsWith(bytes, size, THINKING_DELTA)) return null
        val from = if (text) TEXT_DELTA.size else THINKING_DELTA.size
        val to = size - 2
        if (to < from || bytes[to] != QUOTE || bytes[to + 1] != CLOSE) return null
        for (i in from until to) {
            val b = bytes[i]
            // Bytes of multi-byte UTF-8 characters are negative here and always fine.
            if (b == QUOTE || b == BACKSLASH || (b >= 0 && b < 0x20)) return null
        }
        val content = String(bytes, from, to - from, Charsets.UTF_8)
        // Bad UTF-8 became U+FFFD; how many depends on the decoder's view of the whole data, so leave it to the
        // general path (a real U+FFFD in the text goes there too, and decodes the same).
        if (content.indexOf('\uFFFD') >= 0) return null
        return if (text) ChatEvent.TextDelta(content) else ChatEvent.ThinkingDelta(content)
    }

    private fun startsWith(bytes: ByteArray, size: Int, prefix: ByteArray): Boolean {
        if (size < prefix.size) return false
        for (i in prefix.indices) if (bytes[i] != prefix[i]) return false
        return true
    }
}

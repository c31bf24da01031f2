package dev.llamachat.internal

import dev.llamachat.ChatEvent

/**
 * The fast path of the turn stage for the events that make up nearly all of a turn: a delta whose data is exactly
 * `{"type":"text_delta","content":"<text>"}` (or `thinking_delta`), as the service writes it. Its content is cut out
 * of the event's bytes without a JSON parser or the String of the whole data: the UTF-8 as it is, or, where the text
 * has JSON escapes (a newline or a quote in model output, or `\uXXXX` from a server that writes only ASCII), the
 * runs between them decoded and the escapes resolved.
 *
 * Anything else returns null and goes to [ChatEventJson] (other keys, their order, spacing, a raw quote or control
 * character, an escape JSON does not have, bad UTF-8, U+FFFD), so an event decodes the same either way;
 * `FastDeltaJsonSpec` checks that, and the fuzz corpus replays through both.
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
            if (b == BACKSLASH) return delta(text, unescaped(bytes, from, i, to))
            // Bytes of multi-byte UTF-8 characters are negative here and always fine.
            if (b == QUOTE || (b >= 0 && b < 0x20)) return null
        }
        return delta(text, String(bytes, from, to - from, Charsets.UTF_8))
    }

    private fun delta(text: Boolean, content: String?): ChatEvent? {
        // Bad UTF-8 became U+FFFD; how many depends on the decoder's view of the whole data, so leave it to the
        // general path (a real U+FFFD in the text goes there too, and decodes the same).
        if (content == null || content.indexOf('\uFFFD') >= 0) return null
        return if (text) ChatEvent.TextDelta(content) else ChatEvent.ThinkingDelta(content)
    }

    /**
     * The text of `bytes[from until to]` with its JSON escapes resolved, or null if it has an escape JSON does not
     * have, or a quote or control character that JSON escapes; `bytes[from until firstEscape]` was checked already.
     * An escape is ASCII, so the raw runs between escapes never split a UTF-8 character.
     */
    private fun unescaped(bytes: ByteArray, from: Int, firstEscape: Int, to: Int): String? {
        val text = StringBuilder(to - from)
        var run = from
        var i = firstEscape
        while (i < to) {
            val b = bytes[i]
            if (b == QUOTE || (b >= 0 && b < 0x20)) return null
            if (b != BACKSLASH) {
                i++
                continue
            }
            if (i > run) text.append(String(bytes, run, i - run, Charsets.UTF_8))
            if (i + 1 == to) return null
            val escape = bytes[i + 1].toInt()
            if (escape == 'u'.code) {
                if (i + 6 > to) return null
                text.append(hexChar(bytes, i + 2) ?: return null)
                i += 6
            } else {
                val resolved = if (escape in SHORT_ESCAPES.indices) SHORT_ESCAPES[escape] else NOT_AN_ESCAPE
                if (resolved == NOT_AN_ESCAPE) return null
                text.append(resolved)
                i += 2
            }
            run = i
        }
        if (to > run) text.append(String(bytes, run, to - run, Charsets.UTF_8))
        return text.toString()
    }

    /** The character of the four hex digits at `bytes[at]`, or null if they are not four hex digits. */
    private fun hexChar(bytes: ByteArray, at: Int): Char? {
        var code = 0
        for (i in at until at + 4) {
            val digit = Character.digit(bytes[i].toInt(), 16)
            if (digit < 0) return null
            code = code * 16 + digit
        }
        return code.toChar()
    }

    /** In [SHORT_ESCAPES], where a character after a backslash makes no escape JSON has. */
    private const val NOT_AN_ESCAPE = '\u0000'

    /** What each two-character escape JSON has stands for, by its (ASCII) second character. */
    private val SHORT_ESCAPES: CharArray = CharArray(128) { NOT_AN_ESCAPE }.apply {
        this['"'.code] = '"'
        this['\\'.code] = '\\'
        this['/'.code] = '/'
        this['b'.code] = '\b'
        this['f'.code] = '\u000C'
        this['n'.code] = '\n'
        this['r'.code] = '\r'
        this['t'.code] = '\t'
    }

    private fun startsWith(bytes: ByteArray, size: Int, prefix: ByteArray): Boolean {
        if (size < prefix.size) return false
        for (i in prefix.indices) if (bytes[i] != prefix[i]) return false
        return true
    }
}

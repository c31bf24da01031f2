package dev.llamachat.testkit.internal

import java.io.ByteArrayOutputStream
import java.nio.ByteBuffer
import java.nio.charset.CharacterCodingException
import java.nio.charset.CodingErrorAction

/** Decodes one raw path segment; `+` stays `+` (it only means a space in a query). */
internal object PercentDecoding {
    /** The decoded segment, or null if its percent-encoding or UTF-8 is broken (such an id can never exist). */
    fun decodeSegment(raw: String): String? {
        if (raw.indexOf('%') < 0) return raw
        val bytes = ByteArrayOutputStream(raw.length)
        var i = 0
        while (i < raw.length) {
            if (raw[i] == '%') {
                if (i + 2 >= raw.length) return null
                val hi = Character.digit(raw[i + 1], 16)
                val lo = Character.digit(raw[i + 2], 16)
                if (hi < 0 || lo < 0) return null
                bytes.write(hi * 16 + lo)
                i += 3
            } else {
                // Copy the run up to the next escape as UTF-8, so characters outside the BMP stay whole.
                val end = raw.indexOf('%', i).let { if (it < 0) raw.length else it }
                val run = raw.substring(i, end).toByteArray(Charsets.UTF_8)
                bytes.write(run, 0, run.size)
                i = end
            }
        }
        val decoder = Charsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
        return try {
            decoder.decode(ByteBuffer.wrap(bytes.toByteArray())).toString()
        } catch (_: CharacterCodingException) {
            null
        }
    }
}

package dev.llamachat.internal

import io.kotest.property.Arb
import io.kotest.property.arbitrary.arbitrary
import kotlin.random.Random

/** Fragments that stress SSE framing more than random code points would. */
private val TRICKY = listOf(
    "\n", "\r", "\r\n", "\n\n", "\r\r", ":", ": ", " ", "  ", "data: ", "event:", "id:", "retry: 5", "[DONE]",
    "\u0000", "\uFEFF", "é", "€", "😀", "𝄞", "{\"type\":\"text\"}", "\\n",
)

/** A string of up to [maxLength] pieces: ASCII, any BMP or supplementary code point (no lone surrogates), tricky bits. */
internal fun Random.sseText(maxLength: Int, lineBreaks: Boolean, nul: Boolean = true): String {
    val out = StringBuilder()
    repeat(nextInt(maxLength + 1)) {
        when (nextInt(10)) {
            in 0..3 -> out.append((0x20 + nextInt(0x5F)).toChar())
            4, 5 -> out.appendCodePoint(bmpCodePoint())
            6 -> out.appendCodePoint(0x10000 + nextInt(0x10FFFF - 0x10000 + 1))
            else -> out.append(TRICKY[nextInt(TRICKY.size)])
        }
    }
    var text = out.toString()
    if (!lineBreaks) text = text.replace('\n', ' ').replace('\r', ' ')
    if (!nul) text = text.replace('\u0000', ' ')
    return text
}

private fun Random.bmpCodePoint(): Int {
    while (true) {
        val c = nextInt(0x10000)
        if (c !in 0xD800..0xDFFF) return c
    }
}

/** One event to encode: what the decoder must give back, given the id in force before it. */
internal data class SseCase(val event: String?, val data: String, val id: String?) {
    /** Line breaks in data come back as LF (each started a new `data:` line). */
    val decodedData: String get() = data.replace("\r\n", "\n").replace('\r', '\n')
}

internal val arbSseCases: Arb<List<SseCase>> = arbitrary { rs ->
    val r = rs.random
    List(r.nextInt(9)) {
        val data = r.sseText(40, lineBreaks = true)
        SseCase(
            event = if (r.nextBoolean()) r.sseText(12, lineBreaks = false) else null,
            data = data,
            id = if (r.nextInt(3) == 0) r.sseText(8, lineBreaks = false, nul = false) else null,
        )
    }
}

/** Cuts [bytes] into pieces: sometimes one byte each, otherwise at random places (empty pieces included). */
internal fun Random.cut(bytes: ByteArray): List<ByteArray> {
    if (nextInt(4) == 0) return bytes.map { byteArrayOf(it) }
    val pieces = ArrayList<ByteArray>()
    var pos = 0
    val maxPiece = 1 + nextInt(64)
    while (pos < bytes.size) {
        val n = minOf(bytes.size - pos, nextInt(maxPiece + 1))
        pieces += bytes.copyOfRange(pos, pos + n)
        pos += n
    }
    return pieces
}

/** The frames [cases] must decode to: the id in force carries over to later events. */
internal fun expectedFrames(cases: List<SseCase>): List<Ev> {
    var id: String? = null
    return cases.map { c ->
        if (c.id != null) id = c.id
        Ev(c.event, c.decodedData, id)
    }
}

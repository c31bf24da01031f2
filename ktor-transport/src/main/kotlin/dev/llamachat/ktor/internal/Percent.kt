package dev.llamachat.ktor.internal

/** Percent-encoding of path segments and query values (RFC 3986): everything but unreserved characters. */
internal object Percent {
    private val HEX = "0123456789ABCDEF".toCharArray()

    /**
     * One path segment: `/`, `?`, `#` and `%` are encoded, and so are the dots of `.` and `..`, so no id can
     * change the path (docs/wire.md: `../x`, `a/b`, `a?b`, `%2F` all stay one segment).
     */
    fun segment(value: String): String = when (value) {
        "." -> "%2E"
        ".." -> "%2E%2E"
        else -> encode(value)
    }

    /** A query parameter's name or value. */
    fun query(value: String): String = encode(value)

    private fun encode(value: String): String {
        if (value.all { isUnreserved(it) }) return value
        val out = StringBuilder(value.length + 16)
        for (b in value.toByteArray(Charsets.UTF_8)) {
            val c = (b.toInt() and 0xFF).toChar()
            if (c.code < 0x80 && isUnreserved(c)) {
                out.append(c)
            } else {
                out.append('%').append(HEX[(b.toInt() shr 4) and 0xF]).append(HEX[b.toInt() and 0xF])
            }
        }
        return out.toString()
    }

    private fun isUnreserved(c: Char): Boolean =
        c in 'A'..'Z' || c in 'a'..'z' || c in '0'..'9' || c == '-' || c == '.' || c == '_' || c == '~'
}

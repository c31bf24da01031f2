package dev.llamachat.testkit.internal

/** Session titles from a first message, as docs/wire.md fixes them. */
internal object Titles {
    /** The whole title, `...` included, is at most this long. */
    const val MAX_LENGTH: Int = 60
    private const val ELLIPSIS = "..."

    /**
     * The message with runs of white space collapsed, cut at a word boundary so that it and a trailing `...`
     * fit in [MAX_LENGTH] characters, followed by `...` (always, as the reference's examples show).
     */
    fun fromFirstMessage(message: String): String {
        val text = message.trim().split(WHITESPACE).filter { it.isNotEmpty() }.joinToString(" ")
        val room = MAX_LENGTH - ELLIPSIS.length
        if (text.length <= room) return text + ELLIPSIS
        // Cut before the first word that would not fit; a single word longer than the room is cut hard.
        val boundary = text.lastIndexOf(' ', room)
        val cut = if (boundary > 0) text.substring(0, boundary) else text.substring(0, safeEnd(text, room))
        return cut.trimEnd() + ELLIPSIS
    }

    /** Never split a surrogate pair. */
    private fun safeEnd(text: String, end: Int): Int =
        if (end > 0 && Character.isHighSurrogate(text[end - 1])) end - 1 else end

    private val WHITESPACE = Regex("\\s+")
}

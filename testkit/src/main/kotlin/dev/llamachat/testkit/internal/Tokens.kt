package dev.llamachat.testkit.internal

/**
 * A small deterministic stand-in for a model tokenizer: words with their leading white space, punctuation on
 * its own, long words in pieces of four characters. Token counts (usage) and the size of streamed deltas both
 * come from it, so they look like a real model's and never vary between runs.
 */
internal object Tokens {
    private val PIECE = Regex("\\s*[\\p{L}\\p{N}]+|\\s*[^\\s\\p{L}\\p{N}]|\\s+")
    private const val LONG_WORD = 8
    private const val PIECE_LENGTH = 4

    /** Groups of 1 to 3 tokens per delta, in a fixed rhythm, as real streams batch them. */
    private val DELTA_RHYTHM = intArrayOf(2, 1, 3, 1, 2, 2, 1, 3)

    /** The tokens of [text]; joined, they are [text] again. */
    fun split(text: String): List<String> {
        val tokens = ArrayList<String>(text.length / 3 + 1)
        for (match in PIECE.findAll(text)) {
            val piece = match.value
            if (piece.length <= LONG_WORD) {
                tokens += piece
                continue
            }
            // The leading white space stays with the first piece, as BPE tokenizers do.
            val wordStart = piece.indexOfFirst { !it.isWhitespace() }.coerceAtLeast(0)
            var start = 0
            var end = wordStart + PIECE_LENGTH
            while (start < piece.length) {
                val safeEnd = safeEnd(piece, minOf(end, piece.length))
                tokens += piece.substring(start, safeEnd)
                start = safeEnd
                end = start + PIECE_LENGTH
            }
        }
        return tokens
    }

    fun count(text: String): Long = split(text).size.toLong()

    /** [text] as the deltas a model would stream; joined, they are [text] again. */
    fun deltas(text: String): List<String> {
        val tokens = split(text)
        val deltas = ArrayList<String>(tokens.size / 2 + 1)
        var i = 0
        var beat = 0
        while (i < tokens.size) {
            val n = minOf(DELTA_RHYTHM[beat++ % DELTA_RHYTHM.size], tokens.size - i)
            deltas += tokens.subList(i, i + n).joinToString("")
            i += n
        }
        return deltas
    }

    /** Never split a surrogate pair. */
    private fun safeEnd(text: String, end: Int): Int =
        if (end < text.length && end > 0 && Character.isHighSurrogate(text[end - 1])) end + 1 else end
}

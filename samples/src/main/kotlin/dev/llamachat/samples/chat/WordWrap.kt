package dev.llamachat.samples.chat

import org.jline.utils.WCWidth

/**
 * Word-wraps text that arrives in pieces (streamed deltas) to [width] columns. A word is written once it is complete
 * (a space or line break follows it, or [finish] is called), so that a line is never broken inside a word that was
 * still arriving; a word longer than a whole line is cut. Columns count as a terminal draws them (a CJK character
 * takes two).
 *
 * @property width the terminal's width when the text started; read again at each [reset].
 */
internal class WordWrap(private val width: () -> Int) {
    private val word = StringBuilder()
    private var wordColumns = 0
    private var pendingSpaces = 0
    private var lineWidth = width().coerceAtLeast(MIN_WIDTH)

    /** The column the next character would be written at; 0 at the start of a line. */
    var column: Int = 0
        private set

    /** The line was ended by someone else (a newline written around this wrapper): start counting again. */
    fun reset() {
        word.setLength(0)
        wordColumns = 0
        pendingSpaces = 0
        column = 0
        lineWidth = width().coerceAtLeast(MIN_WIDTH)
    }

    /** What to write for [text]: the words it completed, with line breaks where a word did not fit. */
    fun feed(text: String): String {
        val out = StringBuilder()
        var i = 0
        while (i < text.length) {
            val c = text.codePointAt(i)
            i += Character.charCount(c)
            when {
                c == '\n'.code -> {
                    flushWord(out)
                    out.append('\n')
                    column = 0
                    pendingSpaces = 0
                }
                Character.isWhitespace(c) -> {
                    flushWord(out)
                    pendingSpaces++
                }
                else -> {
                    word.appendCodePoint(c)
                    wordColumns += WCWidth.wcwidth(c).coerceAtLeast(0)
                }
            }
        }
        return out.toString()
    }

    /** The last word, held back until now; trailing spaces are dropped. */
    fun finish(): String {
        val out = StringBuilder()
        flushWord(out)
        pendingSpaces = 0
        return out.toString()
    }

    private fun flushWord(out: StringBuilder) {
        if (word.isEmpty()) return
        if (column > 0 && column + pendingSpaces + wordColumns > lineWidth) {
            out.append('\n')
            column = 0
        } else {
            repeat(pendingSpaces) { out.append(' ') }
            column += pendingSpaces
        }
        pendingSpaces = 0
        if (wordColumns <= lineWidth - column) {
            out.append(word)
            column += wordColumns
        } else {
            cut(out)
        }
        word.setLength(0)
        wordColumns = 0
    }

    /** A word wider than the line: as much as fits on each line. */
    private fun cut(out: StringBuilder) {
        var i = 0
        while (i < word.length) {
            val c = word.codePointAt(i)
            val columns = WCWidth.wcwidth(c).coerceAtLeast(0)
            if (column + columns > lineWidth) {
                out.append('\n')
                column = 0
            }
            out.appendCodePoint(c)
            column += columns
            i += Character.charCount(c)
        }
    }

    private companion object {
        /** Narrower than this, wrapping would only make the text harder to read. */
        const val MIN_WIDTH = 20
    }
}

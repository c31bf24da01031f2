package dev.llamachat.samples.chat

/**
 * What a terminal shows for [output]: carriage returns and "erase line" applied, colour and style sequences
 * dropped. Enough of a terminal for the chat's own output; the tmux check covers a real one.
 */
internal fun screen(output: String): List<String> {
    val lines = mutableListOf(StringBuilder())
    var column = 0
    var i = 0
    while (i < output.length) {
        val c = output[i]
        val line = lines.last()
        when {
            c == '\u001b' && output.startsWith("\u001b[", i) -> {
                val end = (i + 2 until output.length).first { output[it] in '@'..'~' }
                if (output.substring(i + 2, end + 1) == "2K") line.setLength(0)
                i = end
            }
            c == '\r' -> column = 0
            c == '\n' -> {
                lines += StringBuilder()
                column = 0
            }
            else -> {
                if (column < line.length) line.setCharAt(column, c) else line.append(c)
                column++
            }
        }
        i++
    }
    return lines.map { it.toString() }
}

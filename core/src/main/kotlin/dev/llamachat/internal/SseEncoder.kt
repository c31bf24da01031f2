package dev.llamachat.internal

import dev.llamachat.ChatEvent
import dev.llamachat.InternalLlamaChatApi

/**
 * Writes Server-Sent Events in the framing docs/wire.md fixes, the inverse of [SseDecoder]: testkit writes its
 * streams with it, so client and server agree on framing by construction.
 */
@InternalLlamaChatApi
public object SseEncoder {
    /** The line end to write; the decoder accepts all three. */
    public enum class LineEnd(internal val text: String) { LF("\n"), CRLF("\r\n"), CR("\r") }

    /**
     * One event: `event:` (if any), `id:` (if any), one `data:` line per line of [data], then a blank line.
     * @throws IllegalArgumentException if [event] or [id] contains a line break, or [id] contains NUL.
     */
    public fun encode(data: String, event: String? = null, id: String? = null, lineEnd: LineEnd = LineEnd.LF): String {
        require(event == null || !event.containsLineBreak()) { "an event name cannot contain a line break" }
        require(id == null || !id.containsLineBreak()) { "an id cannot contain a line break" }
        // A decoder ignores an id line containing NUL (WHATWG), so it could not be read back.
        require(id == null || id.indexOf('\u0000') < 0) { "an id cannot contain NUL" }
        val nl = lineEnd.text
        val out = StringBuilder(data.length + 32)
        if (event != null) out.append("event: ").append(event).append(nl)
        if (id != null) out.append("id: ").append(id).append(nl)
        // Any of CRLF, CR, LF inside the data starts a new data line; the decoder joins them back with LF.
        var start = 0
        var i = 0
        while (i < data.length) {
            val c = data[i]
            if (c == '\n' || c == '\r') {
                out.append("data: ").append(data, start, i).append(nl)
                if (c == '\r' && i + 1 < data.length && data[i + 1] == '\n') i++
                start = i + 1
            }
            i++
        }
        out.append("data: ").append(data, start, data.length).append(nl)
        return out.append(nl).toString()
    }

    /** A chat event as the service frames it: `event: <type>` and its JSON as `data`. */
    public fun encode(event: ChatEvent, lineEnd: LineEnd = LineEnd.LF): String =
        encode(ChatEventJson.encode(event), event.type, null, lineEnd)

    /** A comment line, such as a keep-alive; ignored by decoders. */
    public fun comment(text: String, lineEnd: LineEnd = LineEnd.LF): String {
        require(!text.containsLineBreak()) { "a comment cannot contain a line break" }
        return ":$text${lineEnd.text}"
    }

    private fun String.containsLineBreak(): Boolean = indexOf('\n') >= 0 || indexOf('\r') >= 0
}

package dev.llamachat.benchmarks

import dev.llamachat.ChatEvent
import dev.llamachat.internal.ChatEventJson

/**
 * NOT used by the SDK: a measured sketch of what core's JSON stage could gain, for its owner (target 6). Nearly
 * every event of a turn is a delta whose JSON is exactly `{"type":"<delta type>","content":"<text>"}` as the
 * service writes it; for those, the content can be cut out of the frame's data without a JSON parser when it holds
 * nothing JSON would escape. Anything else (other shapes, spacing, escapes, control characters) goes to
 * [ChatEventJson.decode] unchanged, so the events are the same.
 */
public object FastDeltaPrototype {
    private const val TEXT_DELTA = "{\"type\":\"text_delta\",\"content\":\""
    private const val THINKING_DELTA = "{\"type\":\"thinking_delta\",\"content\":\""

    /** The event of one frame's [data] (and SSE [event] name), as [ChatEventJson.decode] would return it. */
    @JvmStatic
    public fun decode(data: String, event: String?): ChatEvent {
        val text = data.startsWith(TEXT_DELTA)
        if (text || data.startsWith(THINKING_DELTA)) {
            val from = if (text) TEXT_DELTA.length else THINKING_DELTA.length
            val to = data.length - 2
            if (to >= from && data[to] == '"' && data[to + 1] == '}' && plain(data, from, to)) {
                val content = data.substring(from, to)
                return if (text) ChatEvent.TextDelta(content) else ChatEvent.ThinkingDelta(content)
            }
        }
        return ChatEventJson.decode(data, event)
    }

    /** No quote, backslash or control character: the JSON string's text is its content as is. */
    private fun plain(data: String, from: Int, to: Int): Boolean {
        for (i in from until to) {
            val c = data[i]
            if (c == '"' || c == '\\' || c < ' ') return false
        }
        return true
    }
}

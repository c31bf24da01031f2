package dev.llamachat.testkit

import dev.llamachat.ChatEvent
import dev.llamachat.internal.SseEncoder

/**
 * Raw Server-Sent-Events frames for [ScriptedResponse.stream] and [ScriptedResponse.withFrameAfter], as UTF-8 bytes.
 * For bytes no helper writes (invalid UTF-8, a frame cut in half), pass your own array.
 */
public object SseFrames {
    /** [event] as the service writes it: `event: <type>`, `data: <json>`, a blank line. */
    @JvmStatic
    public fun event(event: ChatEvent): ByteArray = SseEncoder.encode(event).toByteArray(Charsets.UTF_8)

    /** A frame with the `event:` name [eventName] (null: none) and [data] (split into `data:` lines at line breaks). */
    @JvmStatic
    public fun frame(eventName: String?, data: String): ByteArray {
        require(eventName == null || eventName.none { it == '\n' || it == '\r' }) { "an event name must be one line" }
        return SseEncoder.encode(data, eventName).toByteArray(Charsets.UTF_8)
    }

    /** A comment line (`:` followed by [text]), which clients ignore, like a keep-alive. */
    @JvmStatic
    public fun comment(text: String): ByteArray = SseEncoder.comment(text).toByteArray(Charsets.UTF_8)
}

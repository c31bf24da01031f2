package dev.llamachat.samples.browser

import dev.llamachat.ChatEvent
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * What the page receives for each [ChatEvent]: one SSE event, named after the event's type, whose data is a small
 * JSON object made for rendering (not the wire format, which the browser never sees). Null for events the page has
 * no use for.
 */
internal object BrowserEvents {
    /** The SSE frame for [event], or null to send nothing. */
    fun frame(event: ChatEvent): String? {
        val data: JsonObject = when (event) {
            is ChatEvent.ThinkingDelta -> buildJsonObject { put("content", event.content) }
            is ChatEvent.TextDelta -> buildJsonObject { put("content", event.content) }
            // The complete texts repeat what the deltas carried; the page uses them only if no delta came.
            is ChatEvent.Thinking -> buildJsonObject { put("content", event.content) }
            is ChatEvent.Text -> buildJsonObject { put("content", event.content) }
            is ChatEvent.ToolCall -> buildJsonObject {
                put("name", event.name)
                put("arguments", event.arguments.toString())
            }
            is ChatEvent.ToolResult -> buildJsonObject { put("name", event.name) }
            is ChatEvent.Stop -> buildJsonObject {
                put("isError", event.isError)
                event.error?.let { put("error", it) }
                put("inputTokens", event.usage.totalInputTokens)
                put("outputTokens", event.usage.totalOutputTokens)
                put("durationMs", event.usage.durationMs?.toLong())
                put("turn", event.usage.turns)
            }
            is ChatEvent.UserInput, is ChatEvent.Unknown -> return null
        }
        return sse(event.type ?: return null, data.toString())
    }

    /** An SSE event that ends the stream without a `stop` (the service failed); the page shows [message]. */
    fun failure(message: String): String = sse("failure", buildJsonObject { put("message", message) }.toString())

    /** An SSE comment: the browser ignores it; writing it finds out whether the browser is still there. */
    const val HEARTBEAT: String = ": keep-alive\n\n"

    // The data is one line of JSON (no raw line breaks), so one `data:` field carries it.
    private fun sse(name: String, data: String): String = "event: $name\ndata: $data\n\n"
}

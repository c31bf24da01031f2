package dev.llamachat.benchmarks.clients

import java.net.URLEncoder

/** The stream endpoint of docs/wire.md for one session. */
internal fun streamPath(sessionId: String): String =
    "/api/v1/chat/" + URLEncoder.encode(sessionId, Charsets.UTF_8).replace("+", "%20") + "/messages/stream"

/** The stream request body: the prompt and no indexes (bench turns search nothing). */
internal fun streamBody(prompt: String): ByteArray {
    val escaped = prompt.replace("\\", "\\\\").replace("\"", "\\\"")
    return "{\"prompt\":\"$escaped\",\"index_ids\":[]}".toByteArray(Charsets.UTF_8)
}

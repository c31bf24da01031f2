package dev.llamachat.testkit

import java.io.InputStream
import java.net.Socket
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** A plain JDK HTTP client for the specs: the wire is checked without the SDK's own client. */
class TestHttp(private val server: LocalLlamaCloud, private val apiKey: String? = server.apiKey) {
    val client: HttpClient = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build()

    class Response(val status: Int, val headers: Map<String, List<String>>, val body: String) {
        fun header(name: String): String? = headers.entries.firstOrNull { it.key.equals(name, true) }?.value?.firstOrNull()
        val json: JsonObject get() = Json.parseToJsonElement(body).jsonObject
        override fun toString(): String = "$status $body"
    }

    fun request(method: String, path: String, body: String? = null, headers: Map<String, String> = emptyMap()): HttpRequest {
        val builder = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(20))
        if (apiKey != null) builder.header("Authorization", "Bearer $apiKey")
        if (body != null) builder.header("Content-Type", "application/json")
        headers.forEach { (k, v) -> builder.header(k, v) }
        builder.method(method, if (body == null) HttpRequest.BodyPublishers.noBody() else HttpRequest.BodyPublishers.ofString(body))
        return builder.build()
    }

    fun send(method: String, path: String, body: String? = null, headers: Map<String, String> = emptyMap()): Response {
        val response = client.send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString())
        return Response(response.statusCode(), response.headers().map(), response.body())
    }

    fun get(path: String) = send("GET", path)
    fun post(path: String, body: String?) = send("POST", path, body)
    fun delete(path: String) = send("DELETE", path)

    /** Opens a stream and hands back the response with its unread body. */
    fun openStream(sessionId: String, prompt: String, indexIds: List<String> = listOf("idx-demo"), query: String = ""): HttpResponse<InputStream> =
        client.send(request("POST", "/api/v1/chat/$sessionId/messages/stream$query", streamBody(prompt, indexIds)), HttpResponse.BodyHandlers.ofInputStream())

    /** Runs a whole stream and returns status, headers and raw body. */
    fun stream(sessionId: String, prompt: String, indexIds: List<String> = listOf("idx-demo"), query: String = ""): Response =
        send("POST", "/api/v1/chat/$sessionId/messages/stream$query", streamBody(prompt, indexIds))

    fun create(indexIds: List<String>? = listOf("idx-demo"), query: String = ""): String {
        val body = if (indexIds == null) "{}" else """{"index_ids":${Json.encodeToString(indexIds)}}"""
        val response = post("/api/v1/chat$query", body)
        check(response.status == 200) { "create failed: $response" }
        return response.json["session_id"]!!.jsonPrimitive.content
    }

    companion object {
        fun streamBody(prompt: String, indexIds: List<String>): String =
            """{"prompt":${Json.encodeToString(prompt)},"index_ids":${Json.encodeToString(indexIds)}}"""
    }
}

/** One SSE frame as a test sees it on the wire. */
data class Frame(val event: String?, val data: String) {
    val json: JsonObject get() = Json.parseToJsonElement(data).jsonObject
    /** The JSON's `type`, or null if it has none or the data is not JSON. */
    val type: String? get() = runCatching { (Json.parseToJsonElement(data) as? JsonObject)?.get("type")?.jsonPrimitive?.content }.getOrNull()
    val content: String get() = json["content"]!!.jsonPrimitive.content
}

/**
 * A deliberately simple SSE reading for the specs (the server writes LF only): frames end at a blank line;
 * `:` lines are comments, returned in [comments].
 */
class Sse(raw: String) {
    val frames: List<Frame>
    val comments: List<String>

    init {
        val frames = ArrayList<Frame>()
        val comments = ArrayList<String>()
        var event: String? = null
        val data = ArrayList<String>()
        for (line in raw.split("\n")) {
            when {
                line.isEmpty() -> {
                    if (data.isNotEmpty()) frames += Frame(event, data.joinToString("\n"))
                    event = null
                    data.clear()
                }
                line.startsWith(":") -> comments += line
                line.startsWith("event: ") -> event = line.removePrefix("event: ")
                line.startsWith("data: ") -> data += line.removePrefix("data: ")
                else -> error("unexpected SSE line: $line")
            }
        }
        check(data.isEmpty()) { "the stream ended inside a frame" }
        this.frames = frames
        this.comments = comments
    }

    val types: List<String?> get() = frames.map { it.type }
}

/** Reads frames off an open stream one at a time (for disconnect and stall tests). */
class FrameReader(private val input: InputStream) {
    private val reader = input.bufferedReader(Charsets.UTF_8)

    fun next(): Frame? {
        var event: String? = null
        val data = ArrayList<String>()
        while (true) {
            val line = reader.readLine() ?: return null
            when {
                line.isEmpty() -> if (data.isNotEmpty()) return Frame(event, data.joinToString("\n"))
                line.startsWith(":") -> Unit
                line.startsWith("event: ") -> event = line.removePrefix("event: ")
                line.startsWith("data: ") -> data += line.removePrefix("data: ")
            }
        }
    }

    fun close() = input.close()
}

/** Sends [request] as raw bytes over a socket and returns everything the server sends back before closing. */
fun rawExchange(port: Int, request: String, readTimeout: Duration = Duration.ofSeconds(10)): String =
    Socket("127.0.0.1", port).use { socket ->
        socket.soTimeout = readTimeout.toMillis().toInt()
        socket.getOutputStream().apply { write(request.toByteArray()); flush() }
        String(socket.getInputStream().readBytes(), Charsets.UTF_8)
    }

fun JsonElement.strings(): List<String> = jsonArray.map { it.jsonPrimitive.content }

/** The payload of a `Transfer-Encoding: chunked` body (as read raw off the socket). */
fun dechunk(raw: String): String {
    val out = StringBuilder()
    var rest = raw
    while (true) {
        val size = rest.substringBefore("\r\n").trim().toInt(16)
        if (size == 0) return out.toString()
        rest = rest.substringAfter("\r\n")
        // Sizes count bytes, not characters.
        val bytes = rest.toByteArray(Charsets.UTF_8)
        out.append(String(bytes, 0, size, Charsets.UTF_8))
        rest = String(bytes, size, bytes.size - size, Charsets.UTF_8).removePrefix("\r\n")
    }
}

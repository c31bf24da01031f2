package dev.llamachat.benchmarks.server

import dev.llamachat.benchmarks.wire.ChunkedInputStream
import java.io.BufferedInputStream
import java.io.ByteArrayOutputStream
import java.io.Closeable
import java.io.IOException
import java.io.InputStream
import java.io.OutputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/**
 * The benchmarks' server: just enough of the chat API over HTTP/1.1 with keep-alive on loopback to serve
 * [BenchTurn]s the way a streaming service does. Each SSE event goes out as its own HTTP chunk in its own write
 * (Nagle off), as a server that flushes every event sends it; `bench:<n>:blocks` sends the same chunks packed into
 * 64 KiB writes (so that the server is never the limit of a throughput figure), `bench:<n>:length` one
 * `Content-Length` body in 64 KiB writes. One thread per connection.
 *
 * Routes: `POST /api/v1/chat` creates a session (any id works for a stream), `POST
 * /api/v1/chat/<id>/messages/stream` streams the turn its prompt names. Every request needs `Authorization:
 * Bearer <apiKey>`.
 */
internal class BenchHttpServer(private val apiKey: String) : Closeable {
    private val server = ServerSocket(0, 1024, InetAddress.getLoopbackAddress())
    private val sessions = AtomicInteger()
    private val accepted = AtomicInteger()
    private val streaming = AtomicInteger()
    private val pacedLeft = AtomicInteger()

    @Volatile
    private var paceMillis = 0L

    val baseUrl: String = "http://127.0.0.1:${server.localPort}"

    /** Client TCP connections accepted so far. */
    val connectionsSeen: Int get() = accepted.get()

    /** Turns being streamed now. */
    val runningTurns: Int get() = streaming.get()

    private val acceptor = thread(name = "bench-accept", isDaemon = true) {
        while (!server.isClosed) {
            val socket = try {
                server.accept()
            } catch (_: IOException) {
                break
            }
            accepted.incrementAndGet()
            thread(name = "bench-conn", isDaemon = true) { socket.use { serve(it) } }
        }
    }

    /** The next [streams] turns pause [millis] ms before each event. */
    fun pace(millis: Long, streams: Int) {
        paceMillis = millis
        pacedLeft.set(streams)
    }

    fun clearPacing() = pacedLeft.set(0)

    private fun serve(socket: Socket) {
        socket.tcpNoDelay = true
        val input = BufferedInputStream(socket.getInputStream(), 16 * 1024)
        val output = socket.getOutputStream()
        try {
            while (true) {
                val request = Request.read(input) ?: return
                respond(request, output)
            }
        } catch (_: IOException) {
            // The client went away, mid-stream or between requests: nothing to report.
        }
    }

    private fun respond(request: Request, out: OutputStream) {
        if (request.headers["authorization"] != "Bearer $apiKey") return out.sendJson(401, """{"detail":"bad API key"}""")
        val path = request.path.substringBefore('?')
        when {
            request.method == "POST" && path == "/api/v1/chat" ->
                out.sendJson(200, """{"session_id":"bench-${sessions.incrementAndGet()}"}""")
            request.method == "POST" && path.startsWith("/api/v1/chat/") && path.endsWith("/messages/stream") -> {
                val prompt = runCatching { Json.parseToJsonElement(String(request.body, Charsets.UTF_8)).jsonObject["prompt"]?.jsonPrimitive?.content }
                    .getOrNull()
                val turn = prompt?.let { BenchTurn.parse(it) }
                    ?: return out.sendJson(422, """{"detail":"prompt must be bench:<n>[:blocks|:length][:notext]"}""")
                streaming.incrementAndGet()
                try {
                    val pause = if (pacedLeft.getAndDecrement() > 0) paceMillis else 0L
                    when (turn.framing) {
                        BenchTurn.Framing.FLUSHED -> sendChunked(turn, out, pause)
                        BenchTurn.Framing.BLOCKS -> sendChunkedBlocks(turn, out)
                        BenchTurn.Framing.LENGTH -> sendWhole(turn, out)
                    }
                } finally {
                    streaming.decrementAndGet()
                }
            }
            else -> out.sendJson(404, """{"detail":"not found"}""")
        }
    }

    private fun sendChunked(turn: BenchTurn, out: OutputStream, pauseMillis: Long) {
        out.write(head("Transfer-Encoding: chunked"))
        out.flush()
        val chunk = ChunkBuffer(256)
        turn.forEachEvent { frame ->
            if (pauseMillis > 0) Thread.sleep(pauseMillis)
            chunk.append(frame)
            chunk.writeTo(out) // one write per event: what a flush after each event puts on the wire
        }
        out.write(LAST_CHUNK)
        out.flush()
    }

    /** The same chunks as [sendChunked], packed into [BLOCK] writes: the server does a system call per ~900 events. */
    private fun sendChunkedBlocks(turn: BenchTurn, out: OutputStream) {
        out.write(head("Transfer-Encoding: chunked"))
        out.flush()
        val block = ChunkBuffer(BLOCK)
        turn.forEachEvent { frame ->
            if (!block.fits(frame)) block.writeTo(out)
            block.append(frame)
        }
        block.writeTo(out)
        out.write(LAST_CHUNK)
        out.flush()
    }

    /** HTTP chunks (one per appended frame) gathered for one write. */
    private class ChunkBuffer(capacity: Int) {
        private var bytes = ByteArray(capacity)
        private var size = 0

        fun fits(frame: ByteArray): Boolean = size + framedSize(frame) <= bytes.size

        fun append(frame: ByteArray) {
            val hex = Integer.toHexString(frame.size).toByteArray(Charsets.ISO_8859_1)
            val length = framedSize(frame)
            if (bytes.size < size + length) bytes = bytes.copyOf(size + length)
            hex.copyInto(bytes, size)
            size += hex.size
            bytes[size++] = CR
            bytes[size++] = LF
            frame.copyInto(bytes, size)
            size += frame.size
            bytes[size++] = CR
            bytes[size++] = LF
        }

        fun writeTo(out: OutputStream) {
            if (size > 0) out.write(bytes, 0, size)
            size = 0
        }

        private fun framedSize(frame: ByteArray): Int = Integer.toHexString(frame.size).length + 2 + frame.size + 2
    }

    private fun sendWhole(turn: BenchTurn, out: OutputStream) {
        val body = ByteArrayOutputStream(turn.events * 72)
        turn.forEachEvent { body.write(it) }
        val bytes = body.toByteArray()
        out.write(head("Content-Length: ${bytes.size}"))
        var offset = 0
        while (offset < bytes.size) {
            val n = minOf(64 * 1024, bytes.size - offset)
            out.write(bytes, offset, n)
            offset += n
        }
        out.flush()
    }

    override fun close() {
        server.close()
        acceptor.join(5_000)
    }

    /** One request: its line, headers (lower-case names) and whole body. */
    private class Request(val method: String, val path: String, val headers: Map<String, String>, val body: ByteArray) {
        companion object {
            /** The next request on the connection, or null once the client closed it. */
            fun read(input: InputStream): Request? {
                val line = readLine(input) ?: return null
                val parts = line.split(' ')
                if (parts.size < 3) throw IOException("bad request line: $line")
                val headers = HashMap<String, String>()
                while (true) {
                    val header = readLine(input) ?: throw IOException("closed inside the headers")
                    if (header.isEmpty()) break
                    val colon = header.indexOf(':')
                    if (colon > 0) headers[header.substring(0, colon).trim().lowercase()] = header.substring(colon + 1).trim()
                }
                val body = when {
                    headers["transfer-encoding"]?.contains("chunked", ignoreCase = true) == true -> ChunkedInputStream(input).readBytes()
                    else -> input.readNBytes(headers["content-length"]?.toInt() ?: 0)
                }
                return Request(parts[0], parts[1], headers, body)
            }

            private fun readLine(input: InputStream): String? {
                val line = StringBuilder(64)
                while (true) {
                    val c = input.read()
                    if (c < 0) return if (line.isEmpty()) null else throw IOException("closed inside a line")
                    if (c == '\n'.code) return line.toString()
                    if (c != '\r'.code) line.append(c.toChar())
                }
            }
        }
    }

    private companion object {
        const val CR = '\r'.code.toByte()
        const val LF = '\n'.code.toByte()
        val LAST_CHUNK = "0\r\n\r\n".toByteArray(Charsets.ISO_8859_1)
        const val BLOCK = 64 * 1024

        fun head(framing: String): ByteArray =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\n$framing\r\n\r\n"
                .toByteArray(Charsets.ISO_8859_1)

        fun OutputStream.sendJson(status: Int, json: String) {
            val body = json.toByteArray(Charsets.UTF_8)
            write("HTTP/1.1 $status X\r\nContent-Type: application/json\r\nContent-Length: ${body.size}\r\n\r\n".toByteArray(Charsets.ISO_8859_1) + body)
            flush()
        }
    }
}

package dev.llamachat.ktor.raw

import java.io.ByteArrayOutputStream
import java.io.Closeable
import java.io.InputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.net.SocketException
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

/**
 * A loopback HTTP/1.1 server that answers from a script of raw bytes, for what testkit cannot do on purpose: cut a
 * response after exactly N bytes (then close, or reset the connection). Each request takes the next [Answer] of
 * the script; once it is used up, every request gets [fallback].
 */
internal class RawServer(
    private val fallback: Answer = Answer.close(),
    private val socket: ServerSocket = ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
    scheme: String = "http",
) : Closeable {
    /** What to send for one request. */
    class Answer(val bytes: ByteArray, val reset: Boolean, val keepOpen: Boolean) {
        companion object {
            /** Sends [bytes] and closes the connection; [reset] sends a TCP RST instead of a FIN. */
            fun cut(bytes: ByteArray, reset: Boolean = false): Answer = Answer(bytes, reset, keepOpen = false)

            /** The first [n] bytes of [response], then the connection closes (or resets). */
            fun cutAfter(response: ByteArray, n: Int, reset: Boolean = false): Answer = cut(response.copyOf(n), reset)

            /** A whole response on a connection that stays open for the next request. */
            fun whole(response: ByteArray): Answer = Answer(response, reset = false, keepOpen = true)

            /** No answer at all: the connection closes once the request was read. */
            fun close(): Answer = cut(ByteArray(0))
        }
    }

    private val script = ConcurrentLinkedQueue<Answer>()
    private val connections = CopyOnWriteArrayList<Socket>()
    private val requestCount = AtomicInteger()

    /** Request heads received so far: the request line (`POST /api/v1/chat?...`) and the headers. */
    val requestHeads: MutableList<String> = CopyOnWriteArrayList()

    val baseUrl: String = "$scheme://127.0.0.1:${socket.localPort}"

    val requests: Int get() = requestCount.get()

    init {
        thread(isDaemon = true, name = "raw-server") {
            while (!socket.isClosed) {
                val client = try {
                    socket.accept()
                } catch (_: SocketException) {
                    break
                }
                connections += client
                thread(isDaemon = true, name = "raw-server-connection") { serve(client) }
            }
        }
    }

    fun enqueue(vararg answers: Answer): RawServer = apply { script.addAll(answers) }

    private fun serve(client: Socket) {
        client.use {
            val input = client.getInputStream()
            while (true) {
                val head = readHead(input) ?: return
                requestHeads += head
                val length = Regex("(?im)^content-length:\\s*(\\d+)").find(head)?.groupValues?.get(1)?.toInt() ?: 0
                input.readNBytes(length)
                requestCount.incrementAndGet()
                val answer = script.poll() ?: fallback
                val output = client.getOutputStream()
                output.write(answer.bytes)
                output.flush()
                if (!answer.keepOpen) {
                    if (answer.reset) client.setSoLinger(true, 0)
                    return
                }
            }
        }
    }

    private fun readHead(input: InputStream): String? {
        val head = ByteArrayOutputStream()
        var matched = 0
        val end = "\r\n\r\n"
        while (matched < 4) {
            val b = try {
                input.read()
            } catch (_: java.io.IOException) {
                -1
            }
            if (b < 0) return null
            head.write(b)
            matched = if (b.toChar() == end[matched]) matched + 1 else if (b.toChar() == '\r') 1 else 0
        }
        return head.toString(Charsets.ISO_8859_1)
    }

    override fun close() {
        socket.close()
        connections.forEach { runCatching { it.close() } }
    }

    companion object {
        /** A response with a `Content-Length` body. */
        fun response(status: Int, contentType: String, body: ByteArray, extraHeaders: String = ""): ByteArray =
            ("HTTP/1.1 $status X\r\nContent-Type: $contentType\r\nContent-Length: ${body.size}\r\n$extraHeaders\r\n")
                .toByteArray(Charsets.ISO_8859_1) + body

        /** A response with a chunked body, in chunks of [chunkSize] bytes. */
        fun chunked(status: Int, contentType: String, body: ByteArray, chunkSize: Int = 64): ByteArray =
            chunked(status, contentType, body.asList().chunked(chunkSize).map { it.toByteArray() })

        /** A response with a chunked body, one chunk per element of [chunks]. */
        fun chunked(status: Int, contentType: String, chunks: List<ByteArray>): ByteArray {
            val out = ByteArrayOutputStream()
            out.write(chunkedHead(status, contentType))
            chunks.forEach { out.write(chunk(it)) }
            out.write("0\r\n\r\n".toByteArray(Charsets.ISO_8859_1))
            return out.toByteArray()
        }

        /** Where chunk [index] of [chunks] starts in their [chunked] response. */
        fun chunkedOffset(response: ByteArray, chunks: List<ByteArray>, index: Int): Int {
            val bodyStart = response.size - chunks.sumOf { chunk(it).size } - 5
            return bodyStart + chunks.take(index).sumOf { chunk(it).size }
        }

        private fun chunkedHead(status: Int, contentType: String): ByteArray =
            "HTTP/1.1 $status X\r\nContent-Type: $contentType\r\nTransfer-Encoding: chunked\r\n\r\n".toByteArray(Charsets.ISO_8859_1)

        private fun chunk(data: ByteArray): ByteArray =
            "${Integer.toHexString(data.size)}\r\n".toByteArray(Charsets.ISO_8859_1) + data + "\r\n".toByteArray(Charsets.ISO_8859_1)
    }
}

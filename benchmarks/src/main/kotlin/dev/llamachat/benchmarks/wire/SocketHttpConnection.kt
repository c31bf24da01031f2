package dev.llamachat.benchmarks.wire

import java.io.Closeable
import java.io.EOFException
import java.io.IOException
import java.io.InputStream
import java.net.InetSocketAddress
import java.net.Socket

/**
 * One persistent HTTP/1.1 connection over a plain [Socket]: the transport of the reference and raw-bytes clients.
 * It writes a request by hand, parses the status line and headers, and hands back the body framed as the server
 * sent it (chunked, by length, or up to the close). Kept alive between requests the way pooled clients keep
 * theirs, so that every client in the comparison pays for a TCP connect only once.
 */
internal class SocketHttpConnection(private val host: String, private val port: Int) : Closeable {
    private var socket: Socket? = null
    private var input: InputStream? = null

    /** How many TCP connections this client opened so far. */
    var connectionsOpened: Int = 0
        private set

    /** Sends a POST with a JSON [body] and returns the response whose body the caller must read to the end. */
    fun post(path: String, body: ByteArray, headers: Map<String, String> = emptyMap()): Response {
        val s = socket ?: connect()
        val head = StringBuilder(256)
            .append("POST ").append(path).append(" HTTP/1.1\r\n")
            .append("Host: ").append(host).append(':').append(port).append("\r\n")
            .append("Content-Type: application/json\r\n")
            .append("Accept: text/event-stream\r\n")
            .append("Content-Length: ").append(body.size).append("\r\n")
        headers.forEach { (name, value) -> head.append(name).append(": ").append(value).append("\r\n") }
        head.append("\r\n")
        val out = s.getOutputStream()
        out.write(head.toString().toByteArray(Charsets.ISO_8859_1) + body) // one write: one segment on loopback
        out.flush()
        return readResponse(input!!)
    }

    private fun connect(): Socket {
        val s = Socket()
        s.tcpNoDelay = true
        s.connect(InetSocketAddress(host, port))
        socket = s
        input = SocketInput(s.getInputStream(), BUFFER)
        connectionsOpened++
        return s
    }

    private fun readResponse(raw: InputStream): Response {
        val statusLine = readHeaderLine(raw) ?: throw EOFException("connection closed before a response")
        val status = statusLine.split(' ').getOrNull(1)?.toIntOrNull() ?: throw IOException("bad status line: $statusLine")
        val headers = HashMap<String, String>()
        while (true) {
            val line = readHeaderLine(raw) ?: throw EOFException("connection closed inside the headers")
            if (line.isEmpty()) break
            val colon = line.indexOf(':')
            if (colon > 0) headers[line.substring(0, colon).trim().lowercase()] = line.substring(colon + 1).trim()
        }
        val closeAfter = headers["connection"].equals("close", ignoreCase = true)
        val body: InputStream = when {
            headers["transfer-encoding"]?.contains("chunked", ignoreCase = true) == true -> ChunkedInputStream(raw)
            headers["content-length"] != null -> LengthInputStream(raw, headers.getValue("content-length").toLong())
            else -> raw // delimited by the close
        }
        val reusable = !closeAfter && body !== raw
        return Response(status, headers, body) { if (!reusable) closeSocket() }
    }

    private fun closeSocket() {
        socket?.close()
        socket = null
        input = null
    }

    override fun close() = closeSocket()

    /**
     * A response whose [body] must be read to its end (or the connection closed) before the next request.
     * [finish] closes the socket when the server will not keep it.
     */
    class Response(val status: Int, val headers: Map<String, String>, val body: InputStream, val finish: () -> Unit)

    private companion object {
        const val BUFFER = 64 * 1024

        /** An ISO-8859-1 header line without its CRLF, or null at the end of the stream. */
        fun readHeaderLine(raw: InputStream): String? {
            val line = StringBuilder(64)
            while (true) {
                val c = raw.read()
                if (c < 0) return if (line.isEmpty()) null else line.toString()
                if (c == '\n'.code) return line.toString()
                if (c != '\r'.code) line.append(c.toChar())
            }
        }
    }
}

/** A body of a known length. */
private class LengthInputStream(private val raw: InputStream, private var remaining: Long) : InputStream() {
    override fun read(): Int {
        if (remaining <= 0) return -1
        val c = raw.read()
        if (c >= 0) remaining--
        return c
    }

    override fun read(b: ByteArray, off: Int, len: Int): Int {
        if (remaining <= 0) return -1
        val n = raw.read(b, off, minOf(len.toLong(), remaining).toInt())
        if (n > 0) remaining -= n
        return n
    }
}

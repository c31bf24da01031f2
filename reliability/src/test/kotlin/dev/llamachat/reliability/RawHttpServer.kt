package dev.llamachat.reliability

import java.io.BufferedInputStream
import java.io.ByteArrayOutputStream
import java.io.Closeable
import java.io.IOException
import java.io.InputStream
import java.io.OutputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.net.SocketException
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong

/**
 * A tiny HTTP/1.1 server on a raw socket, for the answers a well-behaved server (testkit's) cannot give: a line
 * that never ends, a body cut mid-chunk, headers that never end, a redirect to another host. Each connection
 * serves one request: the request head and its `Content-Length` body are read and recorded, then [script] writes
 * whatever bytes it likes and the socket is closed when it returns.
 *
 * [script] may write forever: a write fails once the client has gone, which ends the exchange and is recorded in
 * [Exchange.clientLeft], so tests can tell that the client stopped reading after a bounded number of bytes.
 */
class RawHttpServer(
    host: String = "127.0.0.1",
    private val script: (Exchange) -> Unit,
) : Closeable {
    private val server = ServerSocket(0, 64, InetAddress.getByName(host))
    private val exchanges: MutableList<Exchange> = Collections.synchronizedList(ArrayList())
    private val connections: MutableList<Socket> = Collections.synchronizedList(ArrayList())

    val port: Int get() = server.localPort
    val baseUrl: String = "http://$host:${server.localPort}"

    /** Every request received so far, in arrival order. */
    val requests: List<RawRequest> get() = synchronized(exchanges) { exchanges.map { it.request } }

    /** Every exchange so far (its request, how many bytes were written, whether the client left). */
    val served: List<Exchange> get() = synchronized(exchanges) { exchanges.toList() }

    private val acceptor = Thread({ acceptLoop() }, "raw-http-accept-$port").apply {
        isDaemon = true
        start()
    }

    private fun acceptLoop() {
        while (!server.isClosed) {
            val socket = try {
                server.accept()
            } catch (_: IOException) {
                return
            }
            connections += socket
            Thread({ serve(socket) }, "raw-http-conn-$port").apply {
                isDaemon = true
                start()
            }
        }
    }

    private fun serve(socket: Socket) {
        socket.use {
            val input = BufferedInputStream(socket.getInputStream())
            val request = readRequest(input) ?: return
            val exchange = Exchange(request, socket, input)
            exchanges += exchange
            try {
                script(exchange)
                exchange.output.flush()
            } catch (_: SocketException) {
                exchange.clientLeft = true
            } catch (_: IOException) {
                exchange.clientLeft = true
            } finally {
                exchange.finished.countDown()
            }
        }
    }

    /** Stops accepting and closes every connection still open. */
    override fun close() {
        server.close()
        synchronized(connections) { connections.forEach { runCatching { it.close() } } }
        acceptor.join(5_000)
    }

    /** One request as received: the target is raw (still percent-encoded); header names are lower case. */
    class RawRequest(val method: String, val target: String, val headers: Map<String, String>, val body: String) {
        fun header(name: String): String? = headers[name.lowercase()]
        override fun toString(): String = "$method $target"
    }

    /** One connection's exchange, handed to the script. */
    class Exchange internal constructor(val request: RawRequest, private val socket: Socket, private val input: InputStream) {
        private val counted = AtomicLong()

        /** The bytes the script wrote before it finished or the client left. */
        val bytesWritten: Long get() = counted.get()

        /** Whether a write failed because the client closed the connection. */
        @Volatile var clientLeft: Boolean = false
            internal set

        internal val finished = CountDownLatch(1)

        val output: OutputStream = object : OutputStream() {
            private val out = socket.getOutputStream()
            override fun write(b: Int) {
                out.write(b)
                counted.incrementAndGet()
            }

            override fun write(b: ByteArray, off: Int, len: Int) {
                out.write(b, off, len)
                counted.addAndGet(len.toLong())
            }

            override fun flush() = out.flush()
        }

        fun write(text: String) = write(text.toByteArray(Charsets.UTF_8))

        fun write(bytes: ByteArray) {
            output.write(bytes)
            output.flush()
        }

        /** A status line and headers (`Connection: close` added), then the blank line. */
        fun head(status: Int, headers: Map<String, String> = emptyMap()) {
            write(buildString {
                append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                for ((name, value) in headers) append(name).append(": ").append(value).append("\r\n")
                append("Connection: close\r\n\r\n")
            })
        }

        /** Writes [unit] again and again until the client leaves (the write then throws) or [maxBytes] were sent. */
        fun writeForever(unit: ByteArray, maxBytes: Long = 1L shl 34) {
            while (bytesWritten < maxBytes) output.write(unit)
            output.flush()
        }

        /** Sends nothing more until the client closes the connection (or [timeoutMillis] passes). */
        fun holdUntilClientLeaves(timeoutMillis: Long = 60_000) {
            socket.soTimeout = timeoutMillis.toInt()
            try {
                do {
                    val b = input.read()
                } while (b >= 0)
            } catch (_: IOException) {
                // A timeout or a reset: either way the exchange is over.
            }
            clientLeft = true
        }

        /** Waits until the script has finished (the client left, or everything was written). */
        fun awaitFinished(timeoutMillis: Long = 10_000): Boolean = finished.await(timeoutMillis, TimeUnit.MILLISECONDS)

        /** Closes the connection at once, with a TCP reset rather than an orderly close. */
        fun reset() {
            socket.setSoLinger(true, 0)
            socket.close()
        }

        private fun reason(status: Int): String = when (status) {
            200 -> "OK"
            301 -> "Moved Permanently"
            302 -> "Found"
            307 -> "Temporary Redirect"
            308 -> "Permanent Redirect"
            400 -> "Bad Request"
            500 -> "Internal Server Error"
            else -> "Status"
        }
    }

    private companion object {
        const val MAX_HEAD = 64 * 1024

        fun readRequest(input: InputStream): RawRequest? {
            val head = ByteArrayOutputStream()
            var last4 = 0
            while (true) {
                val b = input.read()
                if (b < 0) return null
                head.write(b)
                last4 = (last4 shl 8) or b
                if (last4 == 0x0D0A0D0A) break
                if (head.size() > MAX_HEAD) return null
            }
            val lines = head.toString(Charsets.ISO_8859_1).split("\r\n").filter { it.isNotEmpty() }
            val (method, target) = lines.first().split(' ').let { it[0] to it[1] }
            val headers = lines.drop(1).associate { line ->
                line.substringBefore(':').trim().lowercase() to line.substringAfter(':').trim()
            }
            val length = headers["content-length"]?.toIntOrNull() ?: 0
            val body = ByteArray(length)
            var read = 0
            while (read < length) {
                val n = input.read(body, read, length - read)
                if (n < 0) break
                read += n
            }
            return RawRequest(method, target, headers, String(body, 0, read, Charsets.UTF_8))
        }
    }
}

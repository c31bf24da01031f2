package dev.llamachat.benchmarks.wire

import java.io.BufferedInputStream
import java.io.EOFException
import java.io.IOException
import java.io.InputStream

/**
 * The body of an HTTP/1.1 response sent with `Transfer-Encoding: chunked`, read straight into the caller's
 * buffer. The reference client puts its `BufferedReader` on top of this: a chunk boundary may fall anywhere, even
 * inside a line, so skipping "chunk-size lines" in the text would corrupt lines; removing the framing below the
 * reader is the correct minimum. It ends (-1) at the terminal zero-size chunk, which leaves the connection ready
 * for the next request.
 */
internal class ChunkedInputStream(private val raw: InputStream) : InputStream() {
    private var remaining = 0L
    private var finished = false

    /** The CRLF after the last chunk's data, read before the next size line (not waited for at a chunk's end). */
    private var crlfPending = false

    override fun read(): Int {
        val one = ByteArray(1)
        return if (read(one, 0, 1) < 0) -1 else one[0].toInt() and 0xFF
    }

    /**
     * Reads what is at hand, across chunk boundaries: a server that flushes every event sends one small chunk per
     * event, and a reader given one chunk per call would pay its per-call cost per event. It waits only for the
     * first byte; after that it stops where [raw] would have to wait ([raw]'s `available()` must not cost a
     * system call; see [SocketInput]).
     */
    override fun read(b: ByteArray, off: Int, len: Int): Int {
        if (len == 0) return 0
        if (finished) return -1
        var total = 0
        while (total < len) {
            if (remaining == 0L) {
                if (total > 0 && raw.available() <= 0) break
                if (crlfPending) {
                    expectCrlf()
                    crlfPending = false
                }
                remaining = readChunkSize()
                if (remaining == 0L) {
                    skipTrailers()
                    finished = true
                    break
                }
            }
            if (total > 0 && raw.available() <= 0) break
            val n = raw.read(b, off + total, minOf((len - total).toLong(), remaining).toInt())
            if (n < 0) throw EOFException("connection closed inside a chunk")
            remaining -= n
            total += n
            if (remaining == 0L) crlfPending = true
        }
        return if (total == 0 && finished) -1 else total
    }

    override fun available(): Int = if (finished || remaining == 0L) 0 else minOf(remaining, raw.available().toLong()).toInt()

    /** Reads the rest of the body so that the connection can carry the next request. */
    fun drain() {
        val sink = ByteArray(8192)
        do {
            val n = read(sink, 0, sink.size)
        } while (n >= 0)
    }

    private fun readChunkSize(): Long {
        var size = 0L
        var digits = 0
        while (true) {
            val c = raw.read()
            when {
                c < 0 -> throw EOFException("connection closed before a chunk size")
                c == '\r'.code -> {
                    if (raw.read() != '\n'.code) throw IOException("bad chunk size line")
                    if (digits == 0) throw IOException("empty chunk size")
                    return size
                }
                c == ';'.code -> { // a chunk extension: ignored up to the line end
                    skipLine()
                    return size
                }
                else -> {
                    size = size * 16 + hexValue(c)
                    digits++
                }
            }
        }
    }

    private fun hexValue(c: Int): Int = when (c) {
        in '0'.code..'9'.code -> c - '0'.code
        in 'a'.code..'f'.code -> c - 'a'.code + 10
        in 'A'.code..'F'.code -> c - 'A'.code + 10
        else -> throw IOException("bad chunk size character $c")
    }

    private fun expectCrlf() {
        if (raw.read() != '\r'.code || raw.read() != '\n'.code) throw IOException("chunk not followed by CRLF")
    }

    private fun skipTrailers() {
        do {
            val length = skipLine()
        } while (length > 0)
    }

    /** Skips one line; returns its length without the CRLF. */
    private fun skipLine(): Int {
        var length = 0
        while (true) {
            val c = raw.read()
            if (c < 0) throw EOFException("connection closed inside a line")
            if (c == '\n'.code) return length
            if (c != '\r'.code) length++
        }
    }
}

/**
 * The socket's buffered input, whose `available()` counts only the bytes it holds: [ChunkedInputStream] asks it
 * once per chunk, and `BufferedInputStream` would ask the socket too (a system call).
 */
internal class SocketInput(raw: InputStream, size: Int) : BufferedInputStream(raw, size) {
    @Synchronized
    override fun available(): Int = count - pos
}

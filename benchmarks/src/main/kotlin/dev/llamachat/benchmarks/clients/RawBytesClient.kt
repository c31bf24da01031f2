package dev.llamachat.benchmarks.clients

import dev.llamachat.benchmarks.wire.SocketHttpConnection
import java.io.IOException

/**
 * The wire's ceiling: the reference's socket and HTTP framing, reading the body into one reused buffer and
 * parsing nothing. Its "first event" is the first body bytes.
 */
internal class RawBytesClient(host: String, port: Int, private val apiKey: String) : StreamClient {
    private val connection = SocketHttpConnection(host, port)
    private val buffer = ByteArray(64 * 1024)
    override val name: String = "raw bytes, no parsing (ceiling)"

    override suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int {
        val response = connection.post(streamPath(sessionId), streamBody(prompt), mapOf("Authorization" to "Bearer $apiKey"))
        if (response.status != 200) throw IOException("stream answered ${response.status}")
        var bytes = 0L
        while (true) {
            val n = response.body.read(buffer, 0, buffer.size)
            if (n < 0) break
            if (bytes == 0L) onFirstEvent()
            bytes += n
        }
        response.finish()
        ContentSink.chars += bytes
        return StreamClient.NOT_COUNTED
    }

    override fun close() = connection.close()
}

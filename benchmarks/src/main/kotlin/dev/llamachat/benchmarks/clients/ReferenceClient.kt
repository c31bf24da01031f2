package dev.llamachat.benchmarks.clients

import dev.llamachat.benchmarks.RefEvent
import dev.llamachat.benchmarks.wire.SocketHttpConnection
import java.io.BufferedReader
import java.io.IOException
import java.io.InputStreamReader

/**
 * The reference: a plain socket, `BufferedReader.readLine`, and kotlinx decoding of each `data:` line
 * into [RefEvent]. It speaks HTTP/1.1 on one kept-alive connection and removes the chunked framing below the
 * reader (see [dev.llamachat.benchmarks.wire.ChunkedInputStream]), so it reads the same bytes as every other
 * client and pays for one TCP connect in all.
 */
internal class ReferenceClient(host: String, port: Int, private val apiKey: String) : StreamClient {
    private val connection = SocketHttpConnection(host, port)
    override val name: String = "reference: socket + readLine + kotlinx"

    override suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int {
        val response = connection.post(streamPath(sessionId), streamBody(prompt), mapOf("Authorization" to "Bearer $apiKey"))
        if (response.status != 200) throw IOException("stream answered ${response.status}")
        val reader = BufferedReader(InputStreamReader(response.body, Charsets.UTF_8))
        var events = 0
        var chars = 0L
        while (true) {
            val line = reader.readLine() ?: break
            val event = RefEvent.decodeDataLine(line) ?: continue
            if (events == 0) onFirstEvent()
            onEvent?.invoke(event.type)
            events++
            chars += event.content?.length ?: 0
        }
        response.finish()
        ContentSink.chars += chars
        return events
    }

    override fun close() = connection.close()
}

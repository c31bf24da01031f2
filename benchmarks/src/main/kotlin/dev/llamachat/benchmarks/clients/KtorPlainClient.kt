package dev.llamachat.benchmarks.clients

import dev.llamachat.benchmarks.RefEvent
import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.okhttp.OkHttp
import io.ktor.client.request.header
import io.ktor.client.request.preparePost
import io.ktor.client.request.setBody
import io.ktor.client.statement.bodyAsChannel
import io.ktor.http.ContentType
import io.ktor.http.contentType
import io.ktor.utils.io.readLine
import java.io.IOException

/**
 * The issue's Ktor rows, for telling the SDK's own cost from its engine's: a plain `HttpClient(CIO)` (or, with
 * [okHttp], `HttpClient(OkHttp)`, the SDK's default engine) with its defaults, `bodyAsChannel()`, `readLine()`
 * (Ktor 3.5 deprecates `readUTF8Line`) and kotlinx decoding of each `data:` line into [RefEvent].
 */
internal class KtorPlainClient(private val baseUrl: String, private val apiKey: String, okHttp: Boolean = false) : StreamClient {
    private val client = if (okHttp) HttpClient(OkHttp) else HttpClient(CIO) { engine { requestTimeout = 0 } }
    override val name: String = "Ktor ${if (okHttp) "OkHttp" else "CIO"} plain: bodyAsChannel + readLine + kotlinx"
    override val concurrent: Boolean get() = true

    override suspend fun runTurn(sessionId: String, prompt: String, onEvent: ((String?) -> Unit)?, onFirstEvent: () -> Unit): Int =
        client.preparePost(baseUrl + streamPath(sessionId)) {
            header("Authorization", "Bearer $apiKey")
            contentType(ContentType.Application.Json)
            setBody(streamBody(prompt))
        }.execute { response ->
            if (response.status.value != 200) throw IOException("stream answered ${response.status}")
            val body = response.bodyAsChannel()
            var events = 0
            var chars = 0L
            while (true) {
                val line = body.readLine() ?: break
                val event = RefEvent.decodeDataLine(line) ?: continue
                if (events == 0) onFirstEvent()
                events++
                onEvent?.invoke(event.type)
                chars += event.content?.length ?: 0
            }
            ContentSink.chars += chars
            events
        }

    override fun close() = client.close()
}

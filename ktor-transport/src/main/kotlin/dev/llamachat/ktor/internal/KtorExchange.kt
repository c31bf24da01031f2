package dev.llamachat.ktor.internal

import dev.llamachat.internal.ByteSource
import io.ktor.client.HttpClient
import io.ktor.client.plugins.expectSuccess
import io.ktor.client.request.prepareRequest
import io.ktor.client.request.setBody
import io.ktor.client.request.url
import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.bodyAsChannel
import io.ktor.http.ContentType
import io.ktor.http.HttpMethod
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.InternalAPI
import kotlinx.coroutines.cancel
import io.ktor.http.content.TextContent

/** An attempt through a Ktor [client]: a caller's own client or engine, or an engine other than OkHttp. */
internal class KtorExchange(private val client: HttpClient) : Exchange {
    override suspend fun <R> send(request: OutgoingRequest, onHead: suspend (ResponseHead) -> R): R =
        client.prepareRequest {
            method = HttpMethod.parse(request.method)
            url(request.url)
            expectSuccess = false
            request.headers.forEach { (name, value) -> headers[name] = value }
            request.jsonBody?.let { setBody(TextContent(it, ContentType.Application.Json)) }
        }.execute { response -> onHead(Head(response)) }

    private class Head(private val response: HttpResponse) :
        ResponseHead(response.status.value, response.headers.entries().associate { it.key.lowercase() to it.value }) {
        override fun stream(): ByteSource = ChannelByteSource(rawBody(response), BodyEnd.expectedLength(response))

        override suspend fun whole(): ByteSource = ChannelByteSource(response.bodyAsChannel(), BodyEnd.expectedLength(response))

        /** Left half-read, CIO keeps the connection open and at times holds up the next request until its timeout. */
        override fun giveUp() {
            response.cancel()
        }
    }

    private companion object {
        /**
         * The engine's own body channel. `bodyAsChannel()` runs the response pipeline, whose default transformer
         * copies that channel into a second one in a coroutine of its own: every chunk then costs a second channel
         * hand-off and wake-up, and the first event a thread hop (measured in BENCHMARKS.md, "first event"). A
         * stream reads the body once, from start to end, exactly as the copier would; `rawContent` is Ktor API
         * marked internal, so a Ktor upgrade must keep [StreamingSpec]'s wire tests green.
         */
        @OptIn(InternalAPI::class)
        fun rawBody(response: HttpResponse): ByteReadChannel = response.rawContent
    }
}

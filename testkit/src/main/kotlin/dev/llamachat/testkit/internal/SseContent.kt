package dev.llamachat.testkit.internal

import io.ktor.http.ContentType
import io.ktor.http.Headers
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.utils.io.ByteWriteChannel

/** A `text/event-stream` response whose body [TurnStreamer] writes while the turn runs. */
internal class SseContent(
    private val streamer: TurnStreamer,
    override val contentLength: Long?,
    closeConnection: Boolean,
    private val onEnd: () -> Unit,
) : OutgoingContent.WriteChannelContent() {
    override val status: HttpStatusCode get() = HttpStatusCode.OK
    override val contentType: ContentType get() = ContentType.Text.EventStream
    override val headers: Headers = Headers.build {
        append(HttpHeaders.CacheControl, "no-cache")
        if (closeConnection) append(HttpHeaders.Connection, "close")
    }

    override suspend fun writeTo(channel: ByteWriteChannel) {
        try {
            streamer.stream(channel)
        } finally {
            onEnd()
        }
    }
}

package dev.llamachat.testkit.internal

import io.ktor.http.Headers
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.utils.io.ByteWriteChannel

/** A response whose body [StreamWriter] writes while it runs; headers are passed through as given. */
internal class StreamContent(
    override val status: HttpStatusCode,
    headers: List<Pair<String, String>>,
    override val contentLength: Long?,
    closeConnection: Boolean,
    private val writer: StreamWriter,
    private val onEnd: () -> Unit,
) : OutgoingContent.WriteChannelContent() {
    override val headers: Headers = Headers.build {
        for ((name, value) in headers) {
            // The engine writes these itself (Content-Length from contentLength).
            if (name.equals(HttpHeaders.ContentLength, true) || name.equals(HttpHeaders.TransferEncoding, true)) continue
            append(name, value)
        }
        if (closeConnection) append(HttpHeaders.Connection, "close")
    }

    override suspend fun writeTo(channel: ByteWriteChannel) {
        try {
            writer.write(channel)
        } finally {
            onEnd()
        }
    }
}

package dev.llamachat.testkit.internal

import io.ktor.http.Headers
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent

/** A whole response body with headers passed through as given (a Content-Type too, even one Ktor cannot parse). */
internal class BytesContent(
    override val status: HttpStatusCode,
    private val body: ByteArray,
    headers: List<Pair<String, String>>,
) : OutgoingContent.ByteArrayContent() {
    override val contentLength: Long get() = body.size.toLong()

    override val headers: Headers = Headers.build {
        for ((name, value) in headers) {
            // The engine writes these itself from the body.
            if (name.equals(HttpHeaders.ContentLength, true) || name.equals(HttpHeaders.TransferEncoding, true)) continue
            append(name, value)
        }
    }

    override fun bytes(): ByteArray = body
}

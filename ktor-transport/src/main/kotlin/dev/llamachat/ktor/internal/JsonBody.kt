package dev.llamachat.ktor.internal

import dev.llamachat.internal.LlamaJson
import dev.llamachat.internal.Secrets
import kotlinx.serialization.DeserializationStrategy

/**
 * An ordinary call's answer: the whole body (bounded) decoded as [deserializer]. The request timeout covers the
 * reading.
 *
 * @param what the expected value, for the message if the body is not one ("a session summary").
 */
internal class JsonBody<T>(private val deserializer: DeserializationStrategy<T>, private val what: String) : BodyReader<T> {
    override val accept: String get() = MediaTypes.JSON
    override val streaming: Boolean get() = false

    override suspend fun read(response: ResponseHead, request: ApiRequest): T {
        val body = readWhole(response, request)
        val status = response.status
        val type = response.contentType
        return try {
            LlamaJson.decodeFromString(deserializer, String(body, Charsets.UTF_8))
        } catch (e: IllegalArgumentException) { // kotlinx's SerializationException is one
            // kotlinx quotes the body it failed on; a body that echoes the request would show the key.
            val reason = e.message?.lineSequence()?.firstOrNull()?.let(Secrets::redact) ?: e.javaClass.simpleName
            throw Failures.unexpected(request, status, type, "with a body that is not $what: $reason", Secrets.redactedCause(e))
        }
    }

    companion object {
        /** The whole body, at most [MAX_BODY_BYTES]; a body that broke off is an `IOException`. */
        suspend fun readWhole(response: ResponseHead, request: ApiRequest): ByteArray {
            val body = response.readBounded(MAX_BODY_BYTES + 1)
            if (body.size > MAX_BODY_BYTES) {
                throw Failures.unexpected(
                    request, response.status, response.contentType,
                    "with a body over $MAX_BODY_BYTES bytes; refusing to read it all.",
                )
            }
            return body
        }

        /**
         * The largest successful body read; a session's whole history is far smaller. Held in memory (and then
         * decoded), so it must fit a phone's heap: 64 MiB exhausted a 64 MB heap before the limit was reached.
         */
        const val MAX_BODY_BYTES: Int = 16 shl 20
    }
}

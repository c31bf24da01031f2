package dev.llamachat.ktor.internal

import dev.llamachat.internal.ByteSource
import java.io.IOException
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlinx.coroutines.suspendCancellableCoroutine
import okhttp3.Call
import okhttp3.Callback
import okhttp3.MediaType.Companion.toMediaType
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody
import okhttp3.Response

/**
 * An attempt straight on the OkHttp [client] this SDK created, without Ktor between (BENCHMARKS.md, issue 13:
 * Ktor's two pipelines, four thread hand-offs and 1 MiB body channel per stream cost a stream's first event
 * 2.7-3.2 times OkHttp's own). The call is enqueued; its head resumes the caller; its body is read on OkHttp's
 * call thread into a bounded [CallThreadBody] that the caller's coroutine reads (and decodes) from.
 *
 * Only the call thread touches the response (okio is not thread-safe): it reads the body to its end, which
 * returns the connection to the pool, or until the caller has gone, and then closes it. The caller ends a call
 * whose body it did not see to its end by `Call.cancel()`, which closes the socket under a blocked read.
 */
internal class OkHttpExchange(private val client: OkHttpClient) : Exchange {
    override suspend fun <R> send(request: OutgoingRequest, onHead: suspend (ResponseHead) -> R): R {
        val body = CallThreadBody(BYTES_AHEAD)
        val call = client.newCall(request.toOkHttp())
        try {
            val response = suspendCancellableCoroutine { continuation ->
                call.enqueue(object : Callback {
                    override fun onFailure(call: Call, e: IOException) {
                        body.end(e)
                        continuation.resumeWithException(e)
                    }

                    override fun onResponse(call: Call, response: Response) {
                        // A caller cancelled meanwhile ignores the head; the body is then read until it has gone.
                        continuation.resume(response)
                        response.use { readBody(it, body) }
                    }
                })
            }
            return onHead(Head(response, body))
        } finally {
            // Cancelled before the call thread learns the reader left: closing a body that was not read to its end
            // would make OkHttp read (discard) up to 100 ms more of it, megabytes on loopback, to keep the connection.
            if (!body.isComplete) call.cancel()
            body.abandon()
        }
    }

    /** On the call thread: hands [response]'s body over until it ends or the caller has gone. */
    private fun readBody(response: Response, body: CallThreadBody) {
        val failure = try {
            val source = response.body.source()
            // What okio read (a segment at most) goes from its buffer into the body: no array of this thread's own.
            while (source.request(1) && body.put(source.buffer)) continue
            null
        } catch (e: IOException) {
            e
        } catch (e: Exception) {
            // Whatever stops this thread must still end the body, or its reader would wait for ever.
            IOException("Reading the response body failed: $e", e)
        }
        body.end(failure)
    }

    private class Head(response: Response, private val body: CallThreadBody) :
        ResponseHead(response.code, response.headers.toMultimap()) {
        override fun stream(): ByteSource = body

        override suspend fun whole(): ByteSource = body

        /** Nothing to do here: the exchange's end cancels a call whose body was not read to its end. */
        override fun giveUp() {}
    }

    private companion object {
        /** The most body bytes waiting for a slow collector; Ktor's body channel holds up to 1 MiB per stream. */
        const val BYTES_AHEAD = 64 * 1024
        val JSON = "application/json".toMediaType()

        fun OutgoingRequest.toOkHttp(): Request = Request.Builder().url(url).apply {
            headers.forEach { (name, value) -> header(name, value) }
            method(method, jsonBody?.toByteArray(Charsets.UTF_8)?.toRequestBody(JSON))
        }.build()
    }
}

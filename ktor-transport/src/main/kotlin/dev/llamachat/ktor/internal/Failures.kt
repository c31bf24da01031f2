package dev.llamachat.ktor.internal

import dev.llamachat.ApiException
import dev.llamachat.LlamaCloudException
import dev.llamachat.LlamaCloudIoException
import dev.llamachat.LlamaCloudTimeoutException
import dev.llamachat.internal.ApiErrors
import io.ktor.client.engine.cio.FailToConnectException
import io.ktor.client.network.sockets.ConnectTimeoutException
import io.ktor.client.plugins.HttpRequestTimeoutException
import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.bodyAsChannel
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import java.net.ConnectException
import java.net.NoRouteToHostException
import java.net.SocketTimeoutException
import java.net.UnknownHostException
import java.nio.channels.UnresolvedAddressException
import kotlin.time.Duration
import kotlinx.coroutines.cancel

/** An error response, read (boundedly) once so that the retry decision and the exception share it. */
internal class ErrorResponse(val status: Int, val headers: Map<String, List<String>>, val body: String?) {
    fun header(name: String): String? = headers[name.lowercase()]?.firstOrNull()

    fun toException(request: ApiRequest, retries: Int): ApiException =
        ApiErrors.fromResponse(status, request.description, headers, body, retries)
}

/**
 * The one place where the transport's failures become the SDK's exceptions, for ordinary calls and streams
 * alike: error statuses through core's [ApiErrors], engine exceptions as [LlamaCloudIoException] or
 * [LlamaCloudTimeoutException]. Cancellation never passes through here.
 */
internal object Failures {
    /** Enough bytes for [ApiErrors.MAX_ERROR_BODY_CHARS] characters of UTF-8. */
    private const val MAX_ERROR_BODY_BYTES = ApiErrors.MAX_ERROR_BODY_CHARS * 4

    suspend fun readError(response: HttpResponse): ErrorResponse {
        val headers = response.headers.entries().associate { it.key.lowercase() to it.value }
        val bytes = readBounded(response, MAX_ERROR_BODY_BYTES)
        return ErrorResponse(response.status.value, headers, if (bytes.isEmpty()) null else String(bytes, Charsets.UTF_8))
    }

    /**
     * Reads at most [max] bytes of [response]'s body. If more remain, the response is cancelled, so that the engine
     * closes the connection at once: left half-read, Ktor's CIO engine keeps it open and at times holds up the
     * next request (a retry) until its timeout.
     */
    suspend fun readBounded(response: HttpResponse, max: Int): ByteArray {
        val channel = response.bodyAsChannel()
        val bytes = readBounded(channel, max)
        if (!channel.isClosedForRead) response.cancel()
        return bytes
    }

    /** Reads at most [max] bytes: a hostile or broken server cannot make the client hold more. */
    suspend fun readBounded(channel: ByteReadChannel, max: Int): ByteArray {
        var buffer = ByteArray(minOf(max, 8192))
        var size = 0
        while (size < max) {
            if (size == buffer.size) buffer = buffer.copyOf(minOf(max, buffer.size * 2))
            val read = channel.readAvailable(buffer, size, buffer.size - size)
            if (read < 0) break
            size += read
        }
        return if (size == buffer.size) buffer else buffer.copyOf(size)
    }

    fun kindOf(failure: Throwable): FailureKind = when {
        failure.causes().any { it.isConnectFailure() } -> FailureKind.CONNECT
        failure.causes().any { it.isTimeout() } -> FailureKind.TIMEOUT
        else -> FailureKind.IO
    }

    /** The exception for an attempt that got no response; [timeout] is the call's own limit, if that expired. */
    fun toException(failure: Throwable?, request: ApiRequest, retries: Int, timeout: Duration? = null): LlamaCloudException {
        val after = retriesSuffix(retries)
        if (failure == null || failure.causes().any { it.isTimeout() }) {
            val what = when {
                failure?.causes()?.any { it is ConnectTimeoutException } == true -> "could not connect in time"
                timeout != null -> "got no response within $timeout"
                else -> "timed out"
            }
            return LlamaCloudTimeoutException(
                "${request.description} $what$after. Check the network, or raise the client's timeouts.", failure,
            )
        }
        val connect = failure.causes().any { it.isConnectFailure() }
        val what = if (connect) "could not connect" else "failed before a complete response arrived"
        return LlamaCloudIoException("${request.description} $what: ${describe(failure)}$after", failure)
    }

    fun retriesSuffix(retries: Int): String = when (retries) {
        0 -> ""
        1 -> " (after 1 retry)"
        else -> " (after $retries retries)"
    }

    fun describe(failure: Throwable): String {
        val root = failure.causes().last()
        val message = root.message?.takeIf { it.isNotBlank() } ?: failure.message?.takeIf { it.isNotBlank() }
        return root.javaClass.simpleName + (message?.let { ": $it" } ?: "")
    }

    private fun Throwable.causes(): List<Throwable> = generateSequence(this) { it.cause.takeIf { c -> c !== it } }.take(8).toList()

    private fun Throwable.isConnectFailure(): Boolean =
        this is ConnectException || this is ConnectTimeoutException || this is FailToConnectException ||
            this is UnresolvedAddressException || this is UnknownHostException || this is NoRouteToHostException

    private fun Throwable.isTimeout(): Boolean =
        this is HttpRequestTimeoutException || this is ConnectTimeoutException || this is SocketTimeoutException
}

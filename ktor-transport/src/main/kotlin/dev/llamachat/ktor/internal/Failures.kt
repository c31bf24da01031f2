package dev.llamachat.ktor.internal

import dev.llamachat.ApiException
import dev.llamachat.LlamaCloudException
import dev.llamachat.LlamaCloudIoException
import dev.llamachat.LlamaCloudTimeoutException
import dev.llamachat.UnexpectedResponseException
import dev.llamachat.internal.ApiErrors
import dev.llamachat.internal.Secrets
import io.ktor.client.engine.cio.FailToConnectException
import io.ktor.client.network.sockets.ConnectTimeoutException
import io.ktor.client.plugins.HttpRequestTimeoutException
import io.ktor.http.ContentType
import java.io.IOException
import java.net.ConnectException
import java.net.NoRouteToHostException
import java.net.SocketTimeoutException
import java.net.UnknownHostException
import java.nio.channels.UnresolvedAddressException

/** An error response, read (boundedly) once so that the retry decision and the exception share it. */
internal class ErrorResponse(val status: Int, val headers: Map<String, List<String>>, val body: String?) {
    fun header(name: String): String? = headers[name.lowercase()]?.firstOrNull()

    fun toException(request: ApiRequest, retries: Int): ApiException =
        ApiErrors.fromResponse(status, request.description, headers, body, retries)
}

/**
 * The one place where what went wrong becomes the SDK's exceptions, for ordinary calls and streams alike: error
 * statuses through core's [ApiErrors], engine failures as [LlamaCloudIoException] or [LlamaCloudTimeoutException],
 * answers that are not what the API promises as [UnexpectedResponseException]. Cancellation never passes here.
 */
internal object Failures {
    /** Enough bytes for [ApiErrors.MAX_ERROR_BODY_CHARS] characters of UTF-8. */
    private const val MAX_ERROR_BODY_BYTES = ApiErrors.MAX_ERROR_BODY_CHARS * 4

    /** Reads an error answer; a body that broke off is kept as far as it came, since the status says enough. */
    suspend fun readError(response: ResponseHead): ErrorResponse {
        val bytes = try {
            response.readBounded(MAX_ERROR_BODY_BYTES)
        } catch (_: IOException) {
            null
        }
        val body = bytes?.takeIf { it.isNotEmpty() }?.let { String(it, Charsets.UTF_8) }
        return ErrorResponse(response.status, response.headers, body)
    }

    /**
     * Throws [UnexpectedResponseException] unless a 2xx [response] has the content type [expected] (one of
     * [MediaTypes]).
     */
    suspend fun checkContentType(request: ApiRequest, response: ResponseHead, expected: String) {
        val type = response.contentType
        // The usual answer, checked without Ktor's header parser: it is on the way to a stream's first event.
        if (type != null && isExactly(type, expected)) return
        val json = expected == MediaTypes.JSON
        // A JSON answer without a content type is read as JSON; a stream must say that it is one.
        if (type == null && json) return
        val parsed = type?.let { runCatching { ContentType.parse(it) }.getOrNull() }
        if (parsed != null && (parsed.match(expected) || (json && parsed.contentSubtype.endsWith("+json")))) return
        val start = try {
            String(response.readBounded(300), Charsets.UTF_8)
        } catch (_: IOException) {
            ""
        }
        throw unexpected(
            request, response.status, type,
            "with content type ${type ?: "(none)"} instead of $expected; is the base URL right? " +
                "Body: ${Secrets.redact(start).take(200)}",
        )
    }

    /** Whether the header [type] names [expected], a type without parameters, with or without parameters of its own. */
    private fun isExactly(type: String, expected: String): Boolean {
        val end = expected.length
        return type.regionMatches(0, expected, 0, end, ignoreCase = true) && (type.length == end || type[end] == ';' || type[end] == ' ')
    }

    /** A 2xx answer that is not what the API promises: [what] says how. */
    fun unexpected(request: ApiRequest, status: Int, contentType: String?, what: String, cause: Throwable? = null): UnexpectedResponseException =
        UnexpectedResponseException(status, contentType, "${request.description} answered $status $what", cause)

    fun kindOf(failure: Throwable): FailureKind = when {
        failure.causes().any { it.isConnectFailure() } -> FailureKind.CONNECT
        failure.causes().any { it.isTimeout() } -> FailureKind.TIMEOUT
        else -> FailureKind.IO
    }

    /** The exception for an attempt that got no (whole) response. */
    fun toException(failure: Throwable, request: ApiRequest, retries: Int): LlamaCloudException {
        val after = retriesSuffix(retries)
        if (failure.causes().any { it.isTimeout() }) {
            val what = when {
                failure.causes().any { it.isConnectTimeout() } -> "could not connect in time"
                failure is ResponseTimeoutException -> "got no response within ${failure.timeout}"
                else -> "timed out"
            }
            // The deadline's own exception says nothing the message does not.
            val cause = failure.takeUnless { it is ResponseTimeoutException }
            return LlamaCloudTimeoutException("${request.description} $what$after. Check the network, or raise the client's timeouts.", cause)
        }
        val connect = failure.causes().any { it.isConnectFailure() }
        val what = if (connect) "could not connect" else "failed before a complete response arrived"
        return LlamaCloudIoException("${request.description} $what: ${describe(failure)}$after", failure)
    }

    private fun retriesSuffix(retries: Int): String = when (retries) {
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
        this is ConnectException || isConnectTimeout() || this is FailToConnectException ||
            this is UnresolvedAddressException || this is UnknownHostException || this is NoRouteToHostException

    /** Ktor's, or OkHttp's own: a `SocketTimeoutException` the JDK words "Connect timed out". */
    private fun Throwable.isConnectTimeout(): Boolean =
        this is ConnectTimeoutException || (this is SocketTimeoutException && message?.startsWith("connect", ignoreCase = true) == true)

    private fun Throwable.isTimeout(): Boolean =
        this is ResponseTimeoutException || this is HttpRequestTimeoutException || this is ConnectTimeoutException ||
            this is SocketTimeoutException
}

package dev.llamachat.ktor.internal

import dev.llamachat.UnexpectedResponseException
import dev.llamachat.internal.LlamaJson
import dev.llamachat.internal.Secrets
import io.ktor.client.request.HttpRequestBuilder
import io.ktor.client.request.prepareRequest
import io.ktor.client.request.setBody
import io.ktor.client.request.url
import io.ktor.client.statement.HttpStatement
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.content.TextContent
import io.ktor.http.isSuccess
import io.ktor.client.plugins.expectSuccess
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.coroutines.cancellation.CancellationException
import kotlin.time.Duration
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.DeserializationStrategy

/**
 * Sends [ApiRequest]s over a Ktor client: headers, the request timeout, retries and error mapping for ordinary
 * calls. Streams are [StreamCall]'s, over the same pieces.
 */
internal class HttpTransport(val settings: ClientSettings, private val handle: ClientHandle) {
    val policy: RetryPolicy = RetryPolicy(settings.maxRetries, settings.jitter, settings.clock)
    val log: RequestLog = RequestLog(settings.logger)
    private val closed = AtomicBoolean(false)

    /** A successful answer, read whole (bounded). */
    class Success(val status: Int, val contentType: String?, val body: ByteArray)

    private sealed interface Attempt {
        class Answered(val success: Success) : Attempt
        class Refused(val error: ErrorResponse) : Attempt
        class Failed(val failure: Throwable) : Attempt
        object TimedOut : Attempt
    }

    suspend fun statement(request: ApiRequest, accept: ContentType): HttpStatement {
        check(!closed.get()) { "This LlamaCloudChat is closed." }
        return handle.client.prepareRequest { build(request, accept) }
    }

    /**
     * Runs [request] with retries and returns [read] of the successful answer.
     * @throws dev.llamachat.LlamaCloudException as [Failures] maps it.
     */
    suspend fun <T> call(request: ApiRequest, read: (Success) -> T): T {
        var retries = 0
        while (true) {
            val statement = statement(request, ContentType.Application.Json)
            val started = System.nanoTime()
            log.request(request, retries)
            val attempt = try {
                withTimeoutOrNull(settings.requestTimeout) {
                    statement.execute { response ->
                        if (response.status.isSuccess()) {
                            val body = Failures.readBounded(response, MAX_BODY_BYTES + 1)
                            Attempt.Answered(Success(response.status.value, response.headers[HttpHeaders.ContentType], body))
                        } else {
                            Attempt.Refused(Failures.readError(response))
                        }
                    }
                } ?: Attempt.TimedOut
            } catch (e: CancellationException) {
                val failure = Cancellations.unlessOwn(e)
                if (failure === e) throw e
                Attempt.Failed(failure)
            } catch (e: Exception) {
                Attempt.Failed(e)
            }
            val delay: Duration = when (attempt) {
                is Attempt.Answered -> {
                    log.response(attempt.success.status, started)
                    if (attempt.success.body.size > MAX_BODY_BYTES) {
                        throw UnexpectedResponseException(
                            attempt.success.status, attempt.success.contentType,
                            "${request.description} answered with a body over $MAX_BODY_BYTES bytes; refusing to read it all.",
                        )
                    }
                    return read(attempt.success)
                }
                is Attempt.Refused -> {
                    log.response(attempt.error.status, started)
                    policy.afterStatus(request.call, attempt.error.status, attempt.error::header, retries)
                        ?: throw attempt.error.toException(request, retries)
                }
                is Attempt.TimedOut -> {
                    log.failure(null, started)
                    policy.afterFailure(request.call, FailureKind.TIMEOUT, retries)
                        ?: throw Failures.toException(null, request, retries, settings.requestTimeout)
                }
                is Attempt.Failed -> {
                    log.failure(attempt.failure, started)
                    policy.afterFailure(request.call, Failures.kindOf(attempt.failure), retries)
                        ?: throw Failures.toException(attempt.failure, request, retries)
                }
            }
            retries++
            waitBeforeRetry(delay, retries)
        }
    }

    suspend fun waitBeforeRetry(delay: Duration, retry: Int) {
        log.retry(delay, retry, policy.maxRetries)
        settings.sleeper.sleep(delay)
    }

    /** Decodes a JSON answer as [what] (for the message if it is not one). */
    fun <T> decode(request: ApiRequest, success: Success, deserializer: DeserializationStrategy<T>, what: String): T {
        val type = success.contentType
        if (type != null && !isJson(type)) {
            throw UnexpectedResponseException(
                success.status, type,
                "${request.description} answered ${success.status} with content type $type instead of JSON; " +
                    "is the base URL right?",
            )
        }
        return try {
            LlamaJson.decodeFromString(deserializer, String(success.body, Charsets.UTF_8))
        } catch (e: IllegalArgumentException) { // kotlinx's SerializationException is one
            throw UnexpectedResponseException(
                success.status, type,
                "${request.description} answered ${success.status} with a body that is not $what: " +
                    (e.message?.lineSequence()?.firstOrNull()?.let(Secrets::redact) ?: e.javaClass.simpleName),
                // kotlinx quotes the body it failed on; a body that echoes the request would show the key.
                Secrets.redactedCause(e),
            )
        }
    }

    fun close() {
        if (closed.compareAndSet(false, true) && handle.owned) handle.client.close()
    }

    private fun HttpRequestBuilder.build(request: ApiRequest, accept: ContentType) {
        method = request.method
        url(settings.baseUrl + request.target)
        expectSuccess = false
        headers[HttpHeaders.UserAgent] = SdkInfo.userAgent
        headers[HttpHeaders.Accept] = accept.toString()
        settings.defaultHeaders.forEach { (name, value) -> headers[name] = value }
        headers[HttpHeaders.Authorization] = "Bearer ${settings.apiKey}"
        request.body?.let { setBody(TextContent(it, ContentType.Application.Json)) }
    }

    private fun isJson(contentType: String): Boolean {
        val type = contentType.substringBefore(';').trim().lowercase()
        return type == "application/json" || type.endsWith("+json")
    }

    companion object {
        /**
         * The largest successful body read; a session's whole history is far smaller. Held in memory (and then
         * decoded), so it must fit a phone's heap: 64 MiB exhausted a 64 MB heap before the limit was reached.
         */
        const val MAX_BODY_BYTES: Int = 16 shl 20
    }
}

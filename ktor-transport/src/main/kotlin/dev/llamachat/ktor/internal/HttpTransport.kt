package dev.llamachat.ktor.internal

import dev.llamachat.LlamaCloudException
import io.ktor.client.plugins.expectSuccess
import io.ktor.client.request.HttpRequestBuilder
import io.ktor.client.request.prepareRequest
import io.ktor.client.request.setBody
import io.ktor.client.request.url
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.content.TextContent
import io.ktor.http.isSuccess
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.cancellation.CancellationException
import kotlin.time.Duration
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.withContext

/**
 * The one request path, for ordinary calls and streams alike. Per call: one retry loop ([RetryPolicy] decides),
 * and per attempt: log the request, send it, wait for the head within the request timeout, map an error status
 * ([Failures.readError]), check the content type, then let the call's [BodyReader] read the body. Whatever fails
 * on the way becomes the SDK's exception in [Failures]; the caller's cancellation passes untouched.
 */
internal class HttpTransport(val settings: ClientSettings, private val handle: ClientHandle) {
    private val policy = RetryPolicy(settings.jitter, settings.clock)
    private val log = RequestLog(settings.logger)

    /** How one attempt ended, when it did not deliver the answer. */
    private sealed interface Outcome<out T> {
        class Answered<T>(val value: T) : Outcome<T>
        class Refused(val error: ErrorResponse) : Outcome<Nothing>
        class Failed(val failure: Exception) : Outcome<Nothing>
    }

    /**
     * Sends [request] (again, as the retry rules allow) until [reader] has read a successful answer.
     * @throws LlamaCloudException as [Failures] maps what went wrong.
     */
    suspend fun <T> execute(request: ApiRequest, reader: BodyReader<T>): T {
        val maxRetries = settings.maxRetries
        var retries = 0
        // Whether an earlier attempt may have been acted on without the answer reaching us.
        var outcomeUnknown = false
        while (true) {
            check(!handle.closed) { "This LlamaCloudChat is closed." }
            val started = System.nanoTime()
            log.request(request, retries)
            val wait: Duration = when (val outcome = attempt(request, reader, started)) {
                is Outcome.Answered -> return outcome.value
                is Outcome.Refused -> {
                    val error = outcome.error.toException(request, retries)
                    if (error.status == 404 && outcomeUnknown) reader.alreadyDone()?.let { return it }
                    outcomeUnknown = outcomeUnknown || policy.outcomeUnknown(error.status)
                    policy.afterStatus(request.call, error.status, error::header, error.detail, retries, maxRetries) ?: throw error
                }
                is Outcome.Failed -> {
                    log.failure(outcome.failure, started)
                    val kind = Failures.kindOf(outcome.failure)
                    outcomeUnknown = outcomeUnknown || kind != FailureKind.CONNECT
                    policy.afterFailure(request.call, kind, retries, maxRetries)
                        ?: throw Failures.toException(outcome.failure, request, retries)
                }
            }
            retries++
            log.retry(wait, retries, maxRetries)
            settings.sleeper.sleep(wait)
        }
    }

    private suspend fun <T> attempt(request: ApiRequest, reader: BodyReader<T>, started: Long): Outcome<T> {
        // Set once the body is the caller's (a stream's events): its failures then pass untouched.
        var delivering = false
        val caller = currentCoroutineContext()[ContinuationInterceptor]
        return try {
            withResponseTimeout(settings.requestTimeout) { stopTimer ->
                handle.client.prepareRequest { build(request, reader.accept) }.execute { response ->
                    log.response(response.status.value, started)
                    if (!response.status.isSuccess()) return@execute Outcome.Refused(Failures.readError(response))
                    if (reader.streaming) stopTimer()
                    Failures.checkContentType(request, response, reader.accept)
                    delivering = reader.streaming
                    Outcome.Answered(inContext(caller) { reader.read(response, request) })
                }
            }
        } catch (e: CancellationException) {
            // Once events flow, a cancellation may be the collector's own (take, first): it passes untouched.
            if (delivering) throw e
            val failure = Cancellations.unlessOwn(e)
            if (failure === e) throw e
            Outcome.Failed(failure)
        } catch (e: LlamaCloudException) {
            throw e
        } catch (e: Exception) {
            if (delivering) throw e
            Outcome.Failed(e)
        }
    }

    /**
     * Runs [block] in the caller's dispatcher even where Ktor switched to its engine's, so that a stream may emit
     * to its collector (a flow must emit from the collector's context).
     */
    private suspend fun <T> inContext(caller: ContinuationInterceptor?, block: suspend () -> T): T =
        if (caller == null || currentCoroutineContext()[ContinuationInterceptor] === caller) block() else withContext(caller) { block() }

    fun close() {
        handle.close()
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
}


package dev.llamachat.ktor.internal

import dev.llamachat.LlamaCloudException
import dev.llamachat.StreamException
import dev.llamachat.internal.ApiErrors
import dev.llamachat.ktor.ApiResponse
import dev.llamachat.ktor.RequestOptions
import io.ktor.http.HttpHeaders
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.withContext

/**
 * The one request path, for ordinary calls and streams alike. Per call: one retry loop ([RetryPolicy] decides).
 * Per attempt: log the request, send it, wait for the head within the call's timeout, map an error status
 * ([Failures.readError]), check the content type, then let the call's [BodyReader] read the body. Whatever fails
 * on the way becomes the SDK's exception in [Failures], with the response's request id when there was one; the
 * caller's cancellation passes untouched.
 *
 * @param options what every call through this transport uses; [with] derives a transport with other options on
 *   the same client.
 */
internal class HttpTransport(
    val settings: ClientSettings,
    private val handle: ClientHandle,
    private val options: CallOptions = CallOptions.from(settings),
) {
    private val policy = RetryPolicy(settings.timing.jitter, settings.timing.clock)
    private val log = RequestLog(settings.logLevel, settings.logger)

    /** How one attempt ended. */
    private sealed interface Outcome<out T> {
        class Answered<T>(val response: ApiResponse<T>) : Outcome<T>
        class Refused(val error: ErrorResponse) : Outcome<Nothing>
        class Failed(val failure: Exception, val requestId: String?) : Outcome<Nothing>
    }

    /** A transport on the same client (and connections) whose calls use [options] on top of these. */
    fun with(options: RequestOptions): HttpTransport = HttpTransport(settings, handle, this.options.with(options))

    /**
     * Sends [request] (again, as the retry rules allow) until [reader] has read a successful answer.
     * @throws LlamaCloudException as [Failures] maps what went wrong.
     */
    suspend fun <T> execute(request: ApiRequest, reader: BodyReader<T>): ApiResponse<T> {
        val maxRetries = options.maxRetries
        var retries = 0
        // Whether an earlier attempt may have been acted on without its answer reaching us.
        var outcomeUnknown = false
        while (true) {
            check(!handle.closed) { "This LlamaCloudChat is closed." }
            val started = System.nanoTime()
            log.request(request, retries)
            val (wait, why) = when (val outcome = attempt(request, reader, started)) {
                is Outcome.Answered -> return outcome.response
                is Outcome.Refused -> {
                    val error = outcome.error.toException(request, retries)
                    if (error.status == 404 && outcomeUnknown) {
                        reader.alreadyDone()?.let { return ApiResponse(error.status, outcome.error.headers, it) }
                    }
                    outcomeUnknown = outcomeUnknown || policy.outcomeUnknown(error.status)
                    val wait = policy.afterStatus(request.call, error.status, error::header, error.detail, retries, maxRetries)
                        ?: throw error.also { log.gaveUp(it, error.status) }
                    wait to "${error.status}"
                }
                is Outcome.Failed -> {
                    log.failure(request, outcome.failure, started)
                    val kind = Failures.kindOf(outcome.failure)
                    outcomeUnknown = outcomeUnknown || kind != FailureKind.CONNECT
                    val wait = policy.afterFailure(request.call, kind, retries, maxRetries)
                        ?: throw ApiErrors.withRequestId(Failures.toException(outcome.failure, request, retries), outcome.requestId)
                            .also { log.gaveUp(it, null) }
                    wait to Failures.describe(outcome.failure)
                }
            }
            retries++
            log.retry(request, why, wait, retries, maxRetries)
            settings.timing.sleeper.sleep(wait)
        }
    }

    private suspend fun <T> attempt(request: ApiRequest, reader: BodyReader<T>, started: Long): Outcome<T> {
        // Set once the body is the caller's (a stream's events): its failures then pass untouched.
        var delivering = false
        var requestId: String? = null
        val caller = currentCoroutineContext()[ContinuationInterceptor]
        return try {
            withResponseTimeout(options.timeout, settings.timing.deadlines) { stopTimer ->
                handle.exchangeFor(reader.streaming).send(outgoing(request, reader.accept)) { response ->
                    requestId = ApiErrors.requestId(response.headers)
                    log.response(request, response.status, started, requestId)
                    if (!response.isSuccess) return@send Outcome.Refused(Failures.readError(response))
                    if (reader.streaming) stopTimer()
                    Failures.checkContentType(request, response, reader.accept)
                    delivering = reader.streaming
                    val value = inContext(caller) { reader.read(response, request) }
                    Outcome.Answered(ApiResponse(response.status, response.headers, value))
                }
            }
        } catch (e: CancellationException) {
            // Once events flow, a cancellation may be the collector's own (take, first): it passes untouched.
            if (delivering) throw e
            val failure = Cancellations.unlessOwn(e)
            if (failure === e) throw e
            Outcome.Failed(failure, requestId)
        } catch (e: LlamaCloudException) {
            // The collector's own failures are not this response's.
            if (delivering && e !is StreamException) throw e
            throw ApiErrors.withRequestId(e, requestId).also { log.gaveUp(it, null) }
        } catch (e: Exception) {
            if (delivering) throw e
            // An engine may answer the caller's cancellation with a failure of its own (OkHttp fails the call it
            // cancelled with IOException("Canceled")): a cancelled caller gets its cancellation, never that failure.
            currentCoroutineContext().ensureActive()
            Outcome.Failed(e, requestId)
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

    private fun outgoing(request: ApiRequest, accept: String): OutgoingRequest {
        val headers = ArrayList<Pair<String, String>>(options.headers.size + 3)
        headers += HttpHeaders.UserAgent to SdkInfo.userAgent
        headers += HttpHeaders.Accept to accept
        options.headers.forEach { (name, value) -> headers += name to value }
        headers += HttpHeaders.Authorization to "Bearer ${settings.apiKey}"
        return OutgoingRequest(request.method, settings.baseUrl + options.target(request.target), headers, request.body)
    }
}

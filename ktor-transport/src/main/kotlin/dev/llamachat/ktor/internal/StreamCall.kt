package dev.llamachat.ktor.internal

import dev.llamachat.ChatEvent
import dev.llamachat.LlamaCloudException
import dev.llamachat.UnexpectedResponseException
import dev.llamachat.internal.Secrets
import dev.llamachat.internal.decodeChatEvents
import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.HttpStatement
import io.ktor.client.statement.bodyAsChannel
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.isSuccess
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.discard
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.cancellation.CancellationException
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.toJavaDuration
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull

/**
 * One chat turn as a cold flow: each collection sends the request, checks the answer's status and content type,
 * then hands the body to core's [decodeChatEvents] as it arrives, emitting each event from the collector's own
 * coroutine (no channel, no extra coroutine per event). A slow collector thus slows the reading, and cancelling
 * the collector cancels the call, which closes the response.
 *
 * Retries (per [RetryPolicy]) happen only before the response began: once a 2xx answer arrived, its failures are
 * the caller's ([dev.llamachat.StreamException]s from the decoder, or the collector's own exceptions), untouched.
 */
internal class StreamCall(private val transport: HttpTransport, private val request: ApiRequest) {
    private val settings get() = transport.settings

    fun flow(): Flow<ChatEvent> = flow {
        var retries = 0
        while (true) {
            val delay = attempt(retries, this) ?: return@flow
            retries++
            transport.waitBeforeRetry(delay, retries)
        }
    }

    /** One attempt: null once the turn was delivered, or the wait before the next attempt. */
    private suspend fun attempt(retries: Int, collector: FlowCollector<ChatEvent>): Duration? {
        val statement = transport.statement(request, EVENT_STREAM)
        val started = System.nanoTime()
        transport.log.request(request, retries)
        var delivering = false
        try {
            return statement.executeWithHeadTimeout(settings.requestTimeout) { response ->
                transport.log.response(response.status.value, started)
                if (!response.status.isSuccess()) {
                    val error = Failures.readError(response)
                    return@executeWithHeadTimeout transport.policy.afterStatus(request.call, error.status, error::header, retries)
                        ?: throw error.toException(request, retries)
                }
                checkEventStream(response)
                val body = response.bodyAsChannel()
                delivering = true
                collector.emitAll(
                    decodeChatEvents(
                        source = ChannelByteSource(body),
                        maxEventBytes = settings.maxEventBytes,
                        idleTimeout = settings.streamIdleTimeout.toJavaDuration(),
                    ),
                )
                drain(body)
                null
            }
        } catch (e: CancellationException) {
            // Before events flow, a cancellation that is not the caller's is Ktor's (its client was closed);
            // after, it may be the collector's own (take, first), which must pass untouched.
            if (delivering) throw e
            val failure = Cancellations.unlessOwn(e)
            if (failure === e) throw e
            return afterFailure(failure, retries, started)
        } catch (e: LlamaCloudException) {
            throw e
        } catch (e: HeadTimeoutException) {
            transport.log.failure(null, started)
            return transport.policy.afterFailure(request.call, FailureKind.TIMEOUT, retries)
                ?: throw Failures.toException(null, request, retries, settings.requestTimeout)
        } catch (e: Exception) {
            // Once events flow, a failure is the decoder's or the collector's own: never retried, never wrapped.
            if (delivering) throw e
            return afterFailure(e, retries, started)
        }
    }

    private fun afterFailure(failure: Exception, retries: Int, started: Long): Duration {
        transport.log.failure(failure, started)
        return transport.policy.afterFailure(request.call, Failures.kindOf(failure), retries)
            ?: throw Failures.toException(failure, request, retries)
    }

    private suspend fun checkEventStream(response: HttpResponse) {
        val type = response.headers[HttpHeaders.ContentType]
        if (type?.substringBefore(';')?.trim()?.equals(EVENT_STREAM.toString(), ignoreCase = true) == true) return
        val start = String(Failures.readBounded(response, 300), Charsets.UTF_8)
        throw UnexpectedResponseException(
            response.status.value, type,
            "${request.description} answered ${response.status.value} with content type ${type ?: "(none)"} " +
                "instead of text/event-stream; is the base URL right? Body: ${Secrets.redact(start).take(200)}",
        )
    }

    /**
     * Reads what is left after `stop` (normally just the end of the body), so that a pooled engine can reuse the
     * connection; a server that keeps sending is cut off after a short while.
     */
    private suspend fun drain(body: ByteReadChannel) {
        try {
            withTimeoutOrNull(DRAIN_TIMEOUT) { body.discard(DRAIN_MAX_BYTES) }
        } catch (e: CancellationException) {
            if (Cancellations.unlessOwn(e) === e) throw e
        } catch (_: Exception) {
            // The turn is complete; a failure after it changes nothing for the caller.
        }
    }

    /**
     * [HttpStatement.execute] with a limit on the wait for the response head only: the body of a stream may
     * take as long as it keeps sending. [block] runs in the caller's coroutine context even where Ktor would
     * switch to its engine's dispatcher, so that it may emit to the flow.
     */
    private suspend fun <T> HttpStatement.executeWithHeadTimeout(timeout: Duration, block: suspend (HttpResponse) -> T): T {
        val interceptor = currentCoroutineContext()[ContinuationInterceptor]
        return coroutineScope {
            val watchdog = launch {
                delay(timeout)
                throw HeadTimeoutException()
            }
            execute { response ->
                watchdog.cancel()
                if (interceptor == null || currentCoroutineContext()[ContinuationInterceptor] === interceptor) {
                    block(response)
                } else {
                    withContext(interceptor) { block(response) }
                }
            }
        }
    }

    /** The response head did not arrive in time; internal to [StreamCall]. */
    private class HeadTimeoutException : Exception("no response head in time")

    companion object {
        private val EVENT_STREAM = ContentType.Text.EventStream
        private val DRAIN_TIMEOUT = 100.milliseconds
        private const val DRAIN_MAX_BYTES = 64L * 1024
    }
}

package dev.llamachat.ktor.internal

import kotlin.time.Duration

/**
 * Request logging for [dev.llamachat.ktor.LlamaCloudChatConfig.logger]: the method and target of each request,
 * the status and time of each answer, each failure and retry. It never writes a header, so neither the API key
 * nor the `Authorization` header can appear.
 */
internal class RequestLog(private val sink: ((String) -> Unit)?) {
    val enabled: Boolean get() = sink != null

    fun request(request: ApiRequest, retries: Int) {
        val sink = sink ?: return
        sink("--> ${request.method.value} ${request.target}" + if (retries > 0) " (retry $retries)" else "")
    }

    fun response(status: Int, startedNanos: Long) {
        sink?.invoke("<-- $status (${elapsedMillis(startedNanos)} ms)")
    }

    fun failure(failure: Throwable?, startedNanos: Long) {
        val sink = sink ?: return
        val what = if (failure == null) "timed out" else "failed: ${Failures.describe(failure)}"
        sink("<-- $what (${elapsedMillis(startedNanos)} ms)")
    }

    fun retry(delay: Duration, retry: Int, maxRetries: Int) {
        sink?.invoke("    retrying in ${delay.inWholeMilliseconds} ms (retry $retry of $maxRetries)")
    }

    private fun elapsedMillis(startedNanos: Long): Long = (System.nanoTime() - startedNanos) / 1_000_000
}

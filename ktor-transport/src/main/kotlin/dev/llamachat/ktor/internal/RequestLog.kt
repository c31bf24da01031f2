package dev.llamachat.ktor.internal

import dev.llamachat.LlamaCloudException
import dev.llamachat.internal.Secrets
import dev.llamachat.ktor.LlamaCloudChatConfig.LogLevel
import kotlin.time.Duration
import org.slf4j.Logger
import org.slf4j.LoggerFactory

/**
 * The request path's log, through SLF4J (logger `dev.llamachat.http`), or through the caller's own line sink
 * ([dev.llamachat.ktor.LlamaCloudChatConfig.logger]) instead:
 * - DEBUG: a line per request (`--> POST /api/v1/chat`) and per answer (`<-- 200 POST /api/v1/chat (12 ms)`);
 * - INFO: a line per retry, saying why; a call refused for good by a 4xx;
 * - WARN: a call that failed for good otherwise (no connection, a broken or late answer, 5xx).
 *
 * [threshold] is the SDK's own switch (`LLAMA_CLOUD_LOG`); SLF4J's configuration filters further. Lines hold
 * the method, the path and query, statuses, times and the SDK's own (redacted) messages: never a header, so
 * neither the API key nor the `Authorization` header can appear.
 */
internal class RequestLog(private val threshold: LogLevel, private val sink: ((String) -> Unit)?) {
    fun request(request: ApiRequest, retries: Int) {
        if (!enabled(LogLevel.DEBUG)) return
        write(LogLevel.DEBUG, "--> ${request.method} ${request.target}" + if (retries > 0) " (retry $retries)" else "")
    }

    fun response(request: ApiRequest, status: Int, startedNanos: Long, requestId: String?) {
        if (!enabled(LogLevel.DEBUG)) return
        write(LogLevel.DEBUG, "<-- $status ${request.description} (${elapsedMillis(startedNanos)} ms)" + (requestId?.let { " [request id $it]" } ?: ""))
    }

    /** An attempt that got no (whole) answer. */
    fun failure(request: ApiRequest, failure: Throwable, startedNanos: Long) {
        if (!enabled(LogLevel.DEBUG)) return
        write(LogLevel.DEBUG, "<-- ${request.description} failed after ${elapsedMillis(startedNanos)} ms: ${Failures.describe(failure)}")
    }

    fun retry(request: ApiRequest, why: String, delay: Duration, retry: Int, maxRetries: Int) {
        if (!enabled(LogLevel.INFO)) return
        write(LogLevel.INFO, "Retrying ${request.description} in ${delay.inWholeMilliseconds} ms after $why (retry $retry of $maxRetries)")
    }

    /** A call that failed for good: WARN, unless the service refused it with a 4xx (the caller's to fix). */
    fun gaveUp(failure: LlamaCloudException, status: Int?) {
        val level = if (status != null && status in 400..499) LogLevel.INFO else LogLevel.WARN
        if (!enabled(level)) return
        write(level, failure.message ?: failure.javaClass.simpleName)
    }

    private fun enabled(level: LogLevel): Boolean {
        if (level.ordinal > threshold.ordinal) return false
        if (sink != null) return true
        return when (level) {
            LogLevel.OFF -> false
            LogLevel.WARN -> Slf4j.HTTP.isWarnEnabled
            LogLevel.INFO -> Slf4j.HTTP.isInfoEnabled
            LogLevel.DEBUG -> Slf4j.HTTP.isDebugEnabled
        }
    }

    private fun write(level: LogLevel, line: String) {
        // The SDK's messages are redacted already; the query and a server's request id are not the SDK's text.
        val safe = Secrets.redact(line)
        if (sink != null) return sink.invoke(safe)
        when (level) {
            LogLevel.OFF -> Unit
            LogLevel.WARN -> Slf4j.HTTP.warn(safe)
            LogLevel.INFO -> Slf4j.HTTP.info(safe)
            LogLevel.DEBUG -> Slf4j.HTTP.debug(safe)
        }
    }

    private fun elapsedMillis(startedNanos: Long): Long = (System.nanoTime() - startedNanos) / 1_000_000

    /**
     * Requests, answers, retries and failures of every call. A holder of its own, so that SLF4J is only loaded
     * once a line may be written: at the default level (OFF) it never is, which spares an application that does
     * not log SLF4J's provider lookup and its 26 classes, about 30 KB of heap (class histogram, issue 13).
     */
    private object Slf4j {
        val HTTP: Logger = LoggerFactory.getLogger("dev.llamachat.http")
    }
}

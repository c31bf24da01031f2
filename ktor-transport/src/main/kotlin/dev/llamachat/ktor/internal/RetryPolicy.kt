package dev.llamachat.ktor.internal

import dev.llamachat.internal.RetryAfter
import java.time.Clock
import java.util.function.DoubleSupplier
import kotlin.math.min
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toKotlinDuration

/** Why an attempt got no (whole) response: what the retry rules need to know about a transport failure. */
internal enum class FailureKind {
    /** The connection was never established, so the request cannot have reached the service. */
    CONNECT,

    /** The connection broke after it was open: the service may have received the request, and acted on it. */
    IO,

    /** No (whole) answer within the timeout: the service may be working on the request. */
    TIMEOUT,
}

/**
 * The retry rules: a call the service may have acted on is never repeated unless repeating it is harmless.
 *
 * - **State-changing calls** (`create`, a turn) are retried only when the request cannot have reached the
 *   service: the connection could not be opened, or the answer says the request was not processed (408, 429,
 *   503, or `x-should-retry: true`), or, for a turn, 409 because another turn is still running.
 * - **Idempotent calls** (list, retrieve, summary, title, delete) are retried also after I/O failures and
 *   timeouts (a connection that broke, a body cut short) and on 5xx.
 * - **Never after a response began** to reach the caller: a stream whose events started flowing is not
 *   retried ([HttpTransport] stops asking once its body is the caller's).
 * - **409** is retried only when its `detail` says a turn is running on the session (the service's text, as
 *   testkit and the reference send it: "A turn is already running on this session"); a 409 because the turn's
 *   `index_ids` differ from the session's locked set is permanent. Heuristic: the detail mentions "running"
 *   (or "in progress") and not "index".
 * - `x-should-retry: true|false` overrides every status rule.
 * - **Wait**: the server's `retry-after-ms` or `Retry-After` (seconds or HTTP date) when it asks for at most
 *   [MAX_SERVER_DELAY]; a longer or missing one falls back to the backoff: 0.5 s doubling up to 8 s, scaled by
 *   `1 - 0.25 * jitter` so that clients failing together do not retry together.
 * - At most [maxRetries] retries per call.
 */
internal class RetryPolicy(
    private val jitter: DoubleSupplier,
    private val clock: Clock,
) {
    /** The wait before the next attempt after an error [status], or null to give up. */
    fun afterStatus(call: ApiCall, status: Int, header: (String) -> String?, detail: String?, retries: Int, maxRetries: Int): Duration? {
        if (retries >= maxRetries) return null
        val retry = when (header("x-should-retry")?.trim()?.lowercase()) {
            "true" -> true
            "false" -> false
            else -> isRetryableStatus(call, status, detail)
        }
        if (!retry) return null
        val asked = RetryAfter.parse(header, clock.instant())?.toKotlinDuration()
        return if (asked != null && asked <= MAX_SERVER_DELAY) asked else backoff(retries)
    }

    /** The wait before the next attempt after a failure of [kind], or null to give up. */
    fun afterFailure(call: ApiCall, kind: FailureKind, retries: Int, maxRetries: Int): Duration? {
        if (retries >= maxRetries) return null
        val retry = kind == FailureKind.CONNECT || call.idempotent
        return if (retry) backoff(retries) else null
    }

    /**
     * Whether an error [status] leaves it unknown if the service acted: a 5xx other than 503 may come from a
     * gateway that had forwarded the request. With [FailureKind.IO] and [FailureKind.TIMEOUT], such an attempt
     * makes a later 404 on `delete` mean "already deleted".
     */
    fun outcomeUnknown(status: Int): Boolean = status in 500..599 && status != 503

    /** 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s, ... for retry 0, 1, 2, ..., less up to a quarter by jitter. */
    fun backoff(retries: Int): Duration {
        val base = min(INITIAL.inWholeMilliseconds.toDouble() * (1L shl min(retries, 10)), MAX_BACKOFF.inWholeMilliseconds.toDouble())
        val factor = 1.0 - 0.25 * jitter.asDouble.coerceIn(0.0, 1.0)
        return (base * factor).milliseconds
    }

    private fun isRetryableStatus(call: ApiCall, status: Int, detail: String?): Boolean = when {
        status == 408 || status == 429 || status == 503 -> true
        status == 409 -> isTurnRunning(detail)
        status in 500..599 -> call.idempotent
        else -> false
    }

    private fun isTurnRunning(detail: String?): Boolean {
        val text = detail?.lowercase() ?: return false
        return ("running" in text || "in progress" in text) && "index" !in text
    }

    companion object {
        val INITIAL: Duration = 500.milliseconds
        val MAX_BACKOFF: Duration = 8.seconds

        /** The longest server-requested wait honoured; a longer one falls back to the backoff. */
        val MAX_SERVER_DELAY: Duration = 60.seconds
    }
}

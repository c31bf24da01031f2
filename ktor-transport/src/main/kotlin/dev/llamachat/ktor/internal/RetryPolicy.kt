package dev.llamachat.ktor.internal

import dev.llamachat.internal.RetryAfter
import java.time.Clock
import java.util.function.DoubleSupplier
import kotlin.math.min
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toKotlinDuration

/** Why an attempt got no response: what the retry rules need to know about a transport failure. */
internal enum class FailureKind {
    /** The connection was never established, so the request was not sent. */
    CONNECT,

    /** The connection failed after it was open: the server may have received the request. */
    IO,

    /** No answer within the timeout: the server may be working on the request. */
    TIMEOUT,
}

/**
 * When to retry and how long to wait first. Every call is retried at most [maxRetries] times.
 *
 * - Status: 408, 409, 429 and 5xx are retried, other statuses never; `create` only on 429 and 503, where the
 *   server cannot have created the session. `x-should-retry: true|false` overrides all of that.
 * - Failure: a connection that could not be opened is retried for every call; one that broke after opening,
 *   for every call but `create`; a timeout, for idempotent calls only.
 * - Wait: the server's `retry-after-ms` or `Retry-After` (seconds or HTTP date) when it gives one of at most
 *   [MAX_SERVER_DELAY] (a longer one is not waited for: the error is reported); else 0.5 s doubling up to 8 s,
 *   scaled by `1 - 0.25 * jitter` so that clients failing together do not retry together.
 *
 * Streams are retried only before their response began; the stream code enforces that by asking only then.
 */
internal class RetryPolicy(
    val maxRetries: Int,
    private val jitter: DoubleSupplier,
    private val clock: Clock,
) {
    /** The wait before the next attempt after an error [status], or null to give up. */
    fun afterStatus(call: ApiCall, status: Int, header: (String) -> String?, retries: Int): Duration? {
        if (retries >= maxRetries) return null
        val retry = when (header("x-should-retry")?.trim()?.lowercase()) {
            "true" -> true
            "false" -> false
            else -> isRetryableStatus(call, status)
        }
        if (!retry) return null
        val asked = RetryAfter.parse(header, clock.instant())?.toKotlinDuration()
        return when {
            asked == null -> backoff(retries)
            asked <= MAX_SERVER_DELAY -> asked
            else -> null
        }
    }

    /** The wait before the next attempt after a failure of [kind], or null to give up. */
    fun afterFailure(call: ApiCall, kind: FailureKind, retries: Int): Duration? {
        if (retries >= maxRetries) return null
        val retry = when (kind) {
            FailureKind.CONNECT -> true
            FailureKind.IO -> call != ApiCall.CREATE
            FailureKind.TIMEOUT -> call.idempotent
        }
        return if (retry) backoff(retries) else null
    }

    /** 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s, ... for retry 0, 1, 2, ..., less up to a quarter by jitter. */
    fun backoff(retries: Int): Duration {
        val base = min(INITIAL.inWholeMilliseconds.toDouble() * (1L shl min(retries, 10)), MAX_BACKOFF.inWholeMilliseconds.toDouble())
        val factor = 1.0 - 0.25 * jitter.asDouble.coerceIn(0.0, 1.0)
        return (base * factor).milliseconds
    }

    private fun isRetryableStatus(call: ApiCall, status: Int): Boolean =
        if (call == ApiCall.CREATE) status == 429 || status == 503
        else status == 408 || status == 409 || status == 429 || status in 500..599

    companion object {
        val INITIAL: Duration = 500.milliseconds
        val MAX_BACKOFF: Duration = 8.seconds

        /** The longest server-requested wait honoured inside a call; beyond it the caller decides. */
        val MAX_SERVER_DELAY: Duration = 60.seconds
    }
}

package dev.llamachat.internal

import dev.llamachat.InternalLlamaChatApi
import java.time.Duration
import java.time.Instant
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException

/** Reads how long a server asked the client to wait: `retry-after-ms`, else `Retry-After` in seconds or as a date. */
@InternalLlamaChatApi
public object RetryAfter {
    /** @param header a case-insensitive lookup of the response's first header value by name. */
    public fun parse(header: (String) -> String?, now: Instant = Instant.now()): Duration? {
        header("retry-after-ms")?.trim()?.toDoubleOrNull()?.let { ms ->
            if (ms >= 0 && ms.isFinite()) return Duration.ofNanos((ms * 1_000_000).toLong())
        }
        val value = header("retry-after")?.trim() ?: return null
        value.toDoubleOrNull()?.let { seconds ->
            return if (seconds >= 0 && seconds.isFinite()) Duration.ofNanos((seconds * 1e9).toLong()) else null
        }
        return try {
            val at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
            Duration.between(now, at).let { if (it.isNegative) Duration.ZERO else it }
        } catch (_: DateTimeParseException) {
            null
        }
    }
}

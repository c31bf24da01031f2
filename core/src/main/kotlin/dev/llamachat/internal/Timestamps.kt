package dev.llamachat.internal

import java.time.Instant
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeParseException

/** Parses the service's ISO-8601 timestamps; one without an offset is UTC (docs/wire.md). */
internal object Timestamps {
    fun parseOrNull(text: String): Instant? =
        try {
            if (hasOffset(text)) OffsetDateTime.parse(text).toInstant()
            else LocalDateTime.parse(text).toInstant(ZoneOffset.UTC)
        } catch (_: DateTimeParseException) {
            null
        }

    /** An offset is `Z` or a sign after the time part (the date part has its own dashes). */
    private fun hasOffset(text: String): Boolean {
        val time = text.indexOf('T')
        if (time < 0) return false
        return text.endsWith("Z") || text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0
    }
}

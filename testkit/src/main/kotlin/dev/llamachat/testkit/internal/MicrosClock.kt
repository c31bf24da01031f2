package dev.llamachat.testkit.internal

import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.util.concurrent.atomic.AtomicLong

/**
 * Hands out update times in microseconds since the epoch, strictly increasing across the whole server, so that
 * "most recently updated first" is a total order and two updates never tie.
 */
internal class MicrosClock(private val wallMicros: () -> Long = ::systemMicros) {
    private val last = AtomicLong(0)

    fun next(): Long = last.updateAndGet { previous -> maxOf(previous + 1, wallMicros()) }

    companion object {
        /** docs/wire.md's form: ISO-8601, UTC, no offset, exactly six fractional digits. */
        private val FORMAT: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC)

        fun format(micros: Long): String =
            FORMAT.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L))

        private fun systemMicros(): Long {
            val now = Instant.now()
            return now.epochSecond * 1_000_000L + now.nano / 1000
        }
    }
}

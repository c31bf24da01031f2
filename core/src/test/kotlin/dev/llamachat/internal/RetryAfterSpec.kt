package dev.llamachat.internal

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import java.time.Duration
import java.time.Instant

private val NOW: Instant = Instant.parse("2026-04-22T12:00:00Z")

private fun retryAfter(vararg headers: Pair<String, String>): Duration? =
    RetryAfter.parse({ name -> headers.firstOrNull { it.first == name }?.second }, NOW)

class RetryAfterSpec : FunSpec({
    context("retry-after-ms") {
        test("milliseconds, fractions included") {
            retryAfter("retry-after-ms" to "250") shouldBe Duration.ofMillis(250)
            retryAfter("retry-after-ms" to "1.5") shouldBe Duration.ofNanos(1_500_000)
            retryAfter("retry-after-ms" to " 20 ") shouldBe Duration.ofMillis(20)
        }
        test("wins over Retry-After") {
            retryAfter("retry-after-ms" to "100", "retry-after" to "30") shouldBe Duration.ofMillis(100)
        }
        test("a negative or unreadable value falls back to Retry-After") {
            retryAfter("retry-after-ms" to "-5", "retry-after" to "2") shouldBe Duration.ofSeconds(2)
            retryAfter("retry-after-ms" to "soon", "retry-after" to "2") shouldBe Duration.ofSeconds(2)
            retryAfter("retry-after-ms" to "NaN", "retry-after" to "2") shouldBe Duration.ofSeconds(2)
        }
    }

    context("Retry-After in seconds") {
        test("whole and fractional seconds") {
            retryAfter("retry-after" to "3") shouldBe Duration.ofSeconds(3)
            retryAfter("retry-after" to "0") shouldBe Duration.ZERO
            retryAfter("retry-after" to "0.25") shouldBe Duration.ofMillis(250)
            retryAfter("retry-after" to "  12  ") shouldBe Duration.ofSeconds(12)
        }
        test("a negative or infinite value is ignored") {
            retryAfter("retry-after" to "-1").shouldBeNull()
            retryAfter("retry-after" to "Infinity").shouldBeNull()
        }
    }

    context("Retry-After as an HTTP date") {
        test("a date ahead is the time until then") {
            retryAfter("retry-after" to "Wed, 22 Apr 2026 12:01:30 GMT") shouldBe Duration.ofSeconds(90)
        }
        test("a date passed means now") {
            retryAfter("retry-after" to "Wed, 22 Apr 2026 11:59:00 GMT") shouldBe Duration.ZERO
        }
        test("garbage is ignored") {
            retryAfter("retry-after" to "tomorrow-ish").shouldBeNull()
            retryAfter("retry-after" to "").shouldBeNull()
        }
    }

    test("no header at all gives null") {
        retryAfter().shouldBeNull()
    }
})

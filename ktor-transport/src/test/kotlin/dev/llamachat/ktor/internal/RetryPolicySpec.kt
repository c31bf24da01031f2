package dev.llamachat.ktor.internal

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset
import java.util.function.DoubleSupplier
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class RetryPolicySpec : FunSpec({
    val now = Instant.parse("2026-03-01T10:00:00Z")
    fun policy(maxRetries: Int = 2, jitter: Double = 0.0) =
        RetryPolicy(maxRetries, DoubleSupplier { jitter }, Clock.fixed(now, ZoneOffset.UTC))
    fun headers(vararg pairs: Pair<String, String>): (String) -> String? = { name -> pairs.firstOrNull { it.first.equals(name, true) }?.second }

    test("the backoff doubles from 0.5 s to at most 8 s") {
        (0..7).map { policy().backoff(it) } shouldBe
            listOf(0.5.seconds, 1.seconds, 2.seconds, 4.seconds, 8.seconds, 8.seconds, 8.seconds, 8.seconds)
        policy().backoff(60) shouldBe 8.seconds
    }

    test("jitter takes off up to a quarter, and out-of-range jitter is clamped") {
        policy(jitter = 0.5).backoff(0) shouldBe 437.5.milliseconds
        policy(jitter = 1.0).backoff(4) shouldBe 6.seconds
        policy(jitter = 7.0).backoff(0) shouldBe 375.milliseconds
        policy(jitter = -1.0).backoff(0) shouldBe 500.milliseconds
    }

    test("no retry once maxRetries were made") {
        policy(maxRetries = 2).afterStatus(ApiCall.LIST, 503, headers(), retries = 2).shouldBeNull()
        policy(maxRetries = 2).afterFailure(ApiCall.LIST, FailureKind.CONNECT, retries = 2).shouldBeNull()
    }

    test("server-requested waits: milliseconds first, then seconds, then a date; zero is honoured") {
        policy().afterStatus(ApiCall.LIST, 429, headers("retry-after-ms" to "250", "retry-after" to "3"), 0) shouldBe 250.milliseconds
        policy().afterStatus(ApiCall.LIST, 429, headers("Retry-After" to "0"), 0) shouldBe 0.seconds
        policy().afterStatus(ApiCall.LIST, 503, headers("Retry-After" to "Sun, 01 Mar 2026 10:00:30 GMT"), 0) shouldBe 30.seconds
        policy().afterStatus(ApiCall.LIST, 503, headers("Retry-After" to "soon"), 1) shouldBe 1.seconds
        policy().afterStatus(ApiCall.LIST, 503, headers("Retry-After" to "61"), 0).shouldBeNull()
    }

    test("failures: connect for every call, I/O for all but create, timeouts for idempotent calls only") {
        for (call in ApiCall.entries) {
            policy().afterFailure(call, FailureKind.CONNECT, 0) shouldBe 0.5.seconds
        }
        policy().afterFailure(ApiCall.CREATE, FailureKind.IO, 0).shouldBeNull()
        policy().afterFailure(ApiCall.STREAM, FailureKind.IO, 0) shouldBe 0.5.seconds
        policy().afterFailure(ApiCall.TITLE, FailureKind.TIMEOUT, 0) shouldBe 0.5.seconds
        policy().afterFailure(ApiCall.CREATE, FailureKind.TIMEOUT, 0).shouldBeNull()
        policy().afterFailure(ApiCall.STREAM, FailureKind.TIMEOUT, 0).shouldBeNull()
    }

    test("x-should-retry is read case- and space-insensitively; other values leave the status rule") {
        policy().afterStatus(ApiCall.CREATE, 500, headers("X-Should-Retry" to " TRUE "), 0) shouldBe 0.5.seconds
        policy().afterStatus(ApiCall.LIST, 503, headers("x-should-retry" to "False"), 0).shouldBeNull()
        policy().afterStatus(ApiCall.LIST, 503, headers("x-should-retry" to "maybe"), 0) shouldBe 0.5.seconds
    }
})

package dev.llamachat.ktor.internal

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset
import java.util.function.DoubleSupplier
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class RetryPolicySpec : FunSpec({
    val now = Instant.parse("2026-03-01T10:00:00Z")
    fun policy(jitter: Double = 0.0) = RetryPolicy(DoubleSupplier { jitter }, Clock.fixed(now, ZoneOffset.UTC))
    fun headers(vararg pairs: Pair<String, String>): (String) -> String? = { name -> pairs.firstOrNull { it.first.equals(name, true) }?.second }
    fun status(call: ApiCall, status: Int, detail: String? = null, vararg headers: Pair<String, String>): Duration? =
        policy().afterStatus(call, status, headers(*headers), detail, retries = 0, maxRetries = 2)
    val stateChanging = listOf(ApiCall.CREATE, ApiCall.STREAM)
    val idempotent = ApiCall.entries - stateChanging.toSet()

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
        policy().afterStatus(ApiCall.LIST, 503, headers(), null, retries = 2, maxRetries = 2).shouldBeNull()
        policy().afterFailure(ApiCall.LIST, FailureKind.CONNECT, retries = 2, maxRetries = 2).shouldBeNull()
        policy().afterFailure(ApiCall.LIST, FailureKind.CONNECT, retries = 0, maxRetries = 0).shouldBeNull()
    }

    test("server-requested waits: milliseconds first, then seconds, then a date; zero is honoured; over 60 s falls back to the backoff") {
        status(ApiCall.LIST, 429, null, "retry-after-ms" to "250", "retry-after" to "3") shouldBe 250.milliseconds
        status(ApiCall.LIST, 429, null, "Retry-After" to "0") shouldBe 0.seconds
        status(ApiCall.LIST, 503, null, "Retry-After" to "Sun, 01 Mar 2026 10:00:30 GMT") shouldBe 30.seconds
        status(ApiCall.LIST, 503, null, "Retry-After" to "60") shouldBe 60.seconds
        status(ApiCall.LIST, 503, null, "Retry-After" to "61") shouldBe 0.5.seconds
        status(ApiCall.CREATE, 429, null, "Retry-After" to "3600") shouldBe 0.5.seconds
        policy().afterStatus(ApiCall.LIST, 503, headers("Retry-After" to "soon"), null, 1, 2) shouldBe 1.seconds
    }

    test("every call is retried on 408, 429 and 503: the service says it did not process the request") {
        for (call in ApiCall.entries) for (code in listOf(408, 429, 503)) status(call, code) shouldBe 0.5.seconds
    }

    test("other 5xx are retried for idempotent calls only") {
        for (code in listOf(500, 502, 504)) {
            for (call in idempotent) status(call, code) shouldBe 0.5.seconds
            for (call in stateChanging) status(call, code).shouldBeNull()
        }
    }

    test("409 is retried only when a turn is running, never for a changed index set") {
        status(ApiCall.STREAM, 409, "A turn is already running on this session") shouldBe 0.5.seconds
        status(ApiCall.STREAM, 409, "a turn is in progress") shouldBe 0.5.seconds
        status(ApiCall.STREAM, 409, "index_ids [idx-a] differ from the session's locked index set [idx-b]").shouldBeNull()
        status(ApiCall.STREAM, 409, "Conflict").shouldBeNull()
        status(ApiCall.STREAM, 409, null).shouldBeNull()
    }

    test("client errors are final") {
        for (call in ApiCall.entries) for (code in listOf(400, 401, 403, 404, 422)) status(call, code).shouldBeNull()
    }

    test("failures: a connection never opened is retried for every call; I/O and timeouts for idempotent calls only") {
        for (call in ApiCall.entries) policy().afterFailure(call, FailureKind.CONNECT, 0, 2) shouldBe 0.5.seconds
        for (kind in listOf(FailureKind.IO, FailureKind.TIMEOUT)) {
            for (call in idempotent) policy().afterFailure(call, kind, 0, 2) shouldBe 0.5.seconds
            for (call in stateChanging) policy().afterFailure(call, kind, 0, 2).shouldBeNull()
        }
    }

    test("x-should-retry is read case- and space-insensitively and overrides the status rule; other values leave it") {
        status(ApiCall.CREATE, 500, null, "X-Should-Retry" to " TRUE ") shouldBe 0.5.seconds
        status(ApiCall.STREAM, 409, "index_ids differ", "x-should-retry" to "true") shouldBe 0.5.seconds
        status(ApiCall.LIST, 503, null, "x-should-retry" to "False").shouldBeNull()
        status(ApiCall.LIST, 503, null, "x-should-retry" to "maybe") shouldBe 0.5.seconds
    }

    test("a 5xx other than 503 leaves the outcome unknown") {
        listOf(500, 502, 504).forEach { policy().outcomeUnknown(it) shouldBe true }
        listOf(404, 408, 409, 429, 503).forEach { policy().outcomeUnknown(it) shouldBe false }
    }
})

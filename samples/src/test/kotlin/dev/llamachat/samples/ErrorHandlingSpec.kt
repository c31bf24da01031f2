package dev.llamachat.samples

import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.CancellationException

class ErrorHandlingSpec : FunSpec({
    test("provokes each kind of failure and tells each apart") {
        val captured = Captured()
        LocalLlamaCloud.builder().apiKey(ErrorHandling.API_KEY).start().use { server ->
            ErrorHandling.run(server, captured.out)
            server.awaitIdle(java.time.Duration.ofSeconds(10)) shouldBe true
        }

        val outcomes = captured.lines().filter { it.isNotEmpty() }.associate { line ->
            line.substringBefore(" -> ").trim() to line.substringAfter(" -> ")
        }
        val expected = mapOf(
            "blank prompt" to "IllegalArgumentException: invalid argument, nothing was sent",
            "wrong API key" to "UnauthorizedException: the API key was refused (401)",
            "unknown session" to "NotFoundException: no such session (404)",
            "page token never issued" to "BadRequestException: the service answered 400",
            "other indexes than the session's" to "ConflictException:",
            "429 once: retried, then answered" to "no exception",
            "429 on every attempt" to "RateLimitException: still rate limited after retries; the server asks to wait PT0.01S",
            "503 on every attempt" to "InternalServerException: the service answered 503",
            "connection dropped" to "LlamaCloudIoException:",
            "no answer within 1 s" to "LlamaCloudTimeoutException:",
            "an HTML page instead of JSON" to "UnexpectedResponseException:",
            "stream cut before its stop event" to "StreamEndedBeforeStopException: the answer broke off after 5 events",
            "malformed event" to "MalformedEventException: the answer broke off after 3 events",
            "stream silent for 1 s" to "StreamIdleTimeoutException: the answer stalled for 1000 ms",
            "agent failed mid-turn" to "turn.isError=true: The agent failed",
        )
        outcomes.keys shouldBe expected.keys
        for ((what, start) in expected) outcomes.getValue(what) shouldStartWith start
    }

    test("describe rethrows cancellation and anything that is not a failure of a call") {
        shouldThrow<CancellationException> { ErrorHandling.describe(CancellationException("stop")) }
        shouldThrow<IllegalStateException> { ErrorHandling.describe(IllegalStateException("bug")) }
    }
})

package dev.llamachat

import dev.llamachat.internal.ApiErrors
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.io.IOException

private const val KEY = "llx-9fQ2mZ7rT4kLw8XvB3nH6pJ1cY5dE0aS"

/** Everything a caller or a log could see of an exception. */
private fun Throwable.visibleText(): String = buildString {
    append(toString()).append('\n').append(message).append('\n').append(stackTraceToString())
    if (this@visibleText is ApiException) {
        append(headers).append(body).append(detail).append(validationErrors)
    }
}

class SecretsSpec : FunSpec({
    context("API errors never carry the API key") {
        test("credential and cookie headers of any case are dropped") {
            val headers = mapOf(
                "Authorization" to listOf("Bearer $KEY"),
                "authorization" to listOf("Bearer $KEY"),
                "Proxy-Authorization" to listOf("Bearer $KEY"),
                "X-Api-Key" to listOf(KEY),
                "Set-Cookie" to listOf("llama_session=$KEY; HttpOnly"),
                "Cookie" to listOf("llama_session=$KEY"),
                "X-Request-Id" to listOf("req-1"),
            )
            for (status in listOf(400, 401, 403, 404, 409, 422, 429, 500, 418)) {
                val e = ApiErrors.fromResponse(status, "POST /api/v1/chat", headers, """{"detail":"nope"}""")
                e.visibleText() shouldNotContain KEY
                e.requestId shouldBe "req-1"
            }
        }
        test("a key echoed in the body by a proxy is redacted from body, detail and message") {
            val echo = "POST /api/v1/chat HTTP/1.1\r\nAuthorization: Bearer $KEY\r\nHost: proxy\r\n"
            val e = ApiErrors.fromResponse(400, "POST /api/v1/chat", emptyMap(), echo)
            e.visibleText() shouldNotContain KEY
            e.body!! shouldContain "Authorization: Bearer [redacted]"
        }
        test("a key echoed inside a JSON detail is redacted") {
            val e = ApiErrors.fromResponse(401, "GET /api/v1/chat", emptyMap(), """{"detail":"Invalid API key $KEY"}""")
            e.visibleText() shouldNotContain KEY
            e.detail shouldBe "Invalid API key llx-[redacted]"
        }
        test("ordinary details that mention bearer tokens stay readable") {
            ApiErrors.fromResponse(401, "GET /api/v1/chat", emptyMap(), """{"detail":"Invalid bearer token"}""")
                .detail shouldBe "Invalid bearer token"
        }
        test("a 422 that echoes the input does not leak a key-like value") {
            val body = """{"detail":[{"loc":["header","authorization"],"msg":"bad value Bearer $KEY","type":"value_error"}]}"""
            ApiErrors.fromResponse(422, "POST /api/v1/chat", emptyMap(), body).visibleText() shouldNotContain KEY
        }
    }

    context("other messages never include more than they are given") {
        test("stream failures describe events, not requests") {
            val failures = listOf(
                StreamEndedBeforeStopException(3, "text_delta"),
                MalformedEventException(2, "{bad", 1, "thinking"),
                EventTooLargeException(1024, 0, null),
                StreamInterruptedException(4, "text", IOException("connection reset")),
                StreamIdleTimeoutException(java.time.Duration.ofSeconds(30), 1, "thinking_delta"),
            )
            for (e in failures) e.visibleText() shouldNotContain "llx-"
        }
        test("a session handle's toString shows only its id and indexes") {
            val session = ChatSession(FakeChatApi(), "ses-1", listOf("idx-a"), null, null)
            session.toString() shouldBe "ChatSession(sessionId=ses-1, indexIds=[idx-a])"
        }
    }
})

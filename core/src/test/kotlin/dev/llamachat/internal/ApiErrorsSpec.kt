package dev.llamachat.internal

import dev.llamachat.ApiException
import dev.llamachat.BadRequestException
import dev.llamachat.ConflictException
import dev.llamachat.InternalServerException
import dev.llamachat.LlamaCloudException
import dev.llamachat.NotFoundException
import dev.llamachat.PermissionDeniedException
import dev.llamachat.RateLimitException
import dev.llamachat.UnauthorizedException
import dev.llamachat.UnprocessableEntityException
import dev.llamachat.ValidationError
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withTests
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.maps.shouldContainKey
import io.kotest.matchers.maps.shouldNotContainKey
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldEndWith
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration
import kotlin.reflect.KClass

private fun error(
    status: Int,
    body: String? = null,
    headers: Map<String, List<String>> = emptyMap(),
    request: String = "GET /api/v1/chat/ses-1",
    retries: Int = 0,
): ApiException = ApiErrors.fromResponse(status, request, headers, body, retries)

private data class StatusCase(val status: Int, val type: KClass<out ApiException>)

class ApiErrorsSpec : FunSpec({
    context("each status maps to its exception type") {
        withTests(
            nameFn = { "${it.status} -> ${it.type.simpleName}" },
            StatusCase(400, BadRequestException::class),
            StatusCase(401, UnauthorizedException::class),
            StatusCase(403, PermissionDeniedException::class),
            StatusCase(404, NotFoundException::class),
            StatusCase(409, ConflictException::class),
            StatusCase(422, UnprocessableEntityException::class),
            StatusCase(429, RateLimitException::class),
            StatusCase(500, InternalServerException::class),
            StatusCase(502, InternalServerException::class),
            StatusCase(503, InternalServerException::class),
            StatusCase(504, InternalServerException::class),
            StatusCase(599, InternalServerException::class),
            StatusCase(408, ApiException::class),
            StatusCase(418, ApiException::class),
            StatusCase(451, ApiException::class),
        ) { case ->
            val e = error(case.status, """{"detail":"x"}""")
            e::class shouldBe case.type
            e.status shouldBe case.status
            e.shouldBeInstanceOf<LlamaCloudException>()
            e.message shouldContain "${case.status} "
        }
    }

    context("the message says what happened and what to do") {
        test("status, reason, method and path, detail and hint") {
            val e = error(404, """{"detail":"Session not found"}""", request = "DELETE /api/v1/chat/ses-9")
            e.message shouldBe "404 Not Found on DELETE /api/v1/chat/ses-9: Session not found. " +
                "The session does not exist, was deleted, or belongs to another project (check projectId)."
            e.detail shouldBe "Session not found"
        }
        test("each common status has its own hint") {
            error(401).message shouldContain "LLAMA_CLOUD_API_KEY"
            error(409).message shouldContain "index ids"
            error(422).message shouldContain "Fix the named parameters"
            error(429).message shouldContain "Retry-After"
            error(503).message shouldContain "try again later"
        }
        test("a detail that ends in a period gets no second one") {
            error(400, """{"detail":"Invalid page token."}""").message shouldContain "Invalid page token. Check"
        }
        test("no body says there was no detail") {
            error(500).message shouldContain ": (no detail)."
            error(500, "   ").detail.shouldBeNull()
        }
        test("retries are counted") {
            error(503, retries = 1).message shouldContain "(after 1 retry)"
            error(503, retries = 2).message shouldContain "(after 2 retries)"
            error(503).message shouldNotContain "after"
        }
        test("the request id is picked up and quoted") {
            val e = error(500, headers = mapOf("X-Request-Id" to listOf("req-42")))
            e.requestId shouldBe "req-42"
            e.requestId().get() shouldBe "req-42"
            e.message shouldEndWith "[request id req-42]"
            error(500, headers = mapOf("request-id" to listOf("req-7"))).requestId shouldBe "req-7"
            error(500).requestId.shouldBeNull()
            error(500).requestId().isPresent shouldBe false
        }
    }

    context("the detail") {
        test("a string detail is taken as it is") {
            error(409, """{"detail":"A turn is already running on this session"}""").detail shouldBe
                "A turn is already running on this session"
        }
        test("a 422 list becomes validation errors with their locations joined") {
            val body = """{"detail":[{"loc":["body","prompt"],"msg":"Field required","type":"missing","input":{}},""" +
                """{"loc":["query","page_size",0],"msg":"Input should be less than or equal to 100","type":"less_than_equal"}]}"""
            val e = error(422, body, request = "POST /api/v1/chat/ses-1/messages/stream").shouldBeInstanceOf<UnprocessableEntityException>()
            e.validationErrors shouldBe listOf(
                ValidationError(listOf("body", "prompt"), "Field required", "missing"),
                ValidationError(listOf("query", "page_size", "0"), "Input should be less than or equal to 100", "less_than_equal"),
            )
            e.validationErrors[0].toString() shouldBe "body.prompt: Field required"
            e.detail shouldBe "body.prompt: Field required; query.page_size.0: Input should be less than or equal to 100"
            e.message shouldContain "body.prompt: Field required; query.page_size.0"
        }
        test("a 422 with a string detail has no validation errors") {
            error(422, """{"detail":"bad"}""").validationErrors.shouldBeEmpty()
        }
        test("a list of entries that are not objects is shown as JSON") {
            error(422, """{"detail":["a","b"]}""").detail shouldBe """["a","b"]"""
        }
        test("an object detail is shown as JSON") {
            error(400, """{"detail":{"code":"bad_token"}}""").detail shouldBe """{"code":"bad_token"}"""
        }
        test("JSON without detail is shown whole, bounded") {
            error(500, """{"error":"boom"}""").detail shouldBe """{"error":"boom"}"""
            error(500, """{"error":"${"x".repeat(1000)}"}""").detail!!.length shouldBe 300
        }
        test("a null detail counts as none") {
            error(500, """{"detail":null}""").detail.shouldBeNull()
        }
        test("a body that is not JSON is shown raw, trimmed and bounded") {
            val html = "\n<html><body><h1>502 Bad Gateway</h1></body></html>\n"
            val e = error(502, html)
            e.detail shouldBe html.trim()
            e.body shouldBe html
            e.message shouldContain "<h1>502 Bad Gateway</h1>"
            error(502, "<html>" + "x".repeat(5000)).detail!!.length shouldBe 300
        }
        test("a huge body is kept only to MAX_ERROR_BODY_CHARS and the message stays short") {
            val e = error(500, "y".repeat(1_000_000))
            e.body!!.length shouldBe ApiErrors.MAX_ERROR_BODY_CHARS
            e.message!!.length shouldBeLessThan 1000
        }
        test("a huge JSON body cut short is still reported, raw") {
            val e = error(422, """{"detail":[""" + List(2000) { """{"loc":["body"],"msg":"m","type":"t"}""" }.joinToString(",") + "]}")
            e.body!!.length shouldBe ApiErrors.MAX_ERROR_BODY_CHARS
            e.detail!!.length shouldBe 300
        }
    }

    context("headers") {
        test("names are kept in lower case and looked up in any case") {
            val e = error(429, headers = mapOf("Retry-After" to listOf("3"), "Content-Type" to listOf("application/json")))
            e.headers shouldContainKey "retry-after"
            e.header("RETRY-AFTER") shouldBe "3"
            e.header("content-type") shouldBe "application/json"
            e.header("x-missing").shouldBeNull()
        }
        test("only known harmless headers are kept; cookies and credentials are dropped") {
            val e = error(401, headers = mapOf(
                "Set-Cookie" to listOf("session=abc"),
                "Cookie" to listOf("a=b"),
                "Authorization" to listOf("Bearer llx-secret"),
                "Proxy-Authorization" to listOf("Basic Zm9vOmJhcg=="),
                "WWW-Authenticate" to listOf("Bearer"),
                "X-Api-Key" to listOf("llx-secret"),
                "X-RateLimit-Remaining" to listOf("0"),
                "x-should-retry" to listOf("false"),
                "Date" to listOf("Wed, 22 Apr 2026 12:00:00 GMT"),
            ))
            for (dropped in listOf("set-cookie", "cookie", "authorization", "proxy-authorization", "www-authenticate", "x-api-key")) {
                e.headers shouldNotContainKey dropped
            }
            e.headers.keys shouldBe setOf("x-ratelimit-remaining", "x-should-retry", "date")
        }
    }

    context("rate limits") {
        test("retry-after-ms gives retryAfter") {
            error(429, headers = mapOf("retry-after-ms" to listOf("1500"), "Retry-After" to listOf("9")))
                .shouldBeInstanceOf<RateLimitException>().retryAfter shouldBe Duration.ofMillis(1500)
        }
        test("Retry-After in seconds gives retryAfter") {
            val e = error(429, headers = mapOf("Retry-After" to listOf("7"))).shouldBeInstanceOf<RateLimitException>()
            e.retryAfter shouldBe Duration.ofSeconds(7)
            e.retryAfter().get() shouldBe Duration.ofSeconds(7)
        }
        test("Retry-After as an HTTP date in the past means now") {
            error(429, headers = mapOf("Retry-After" to listOf("Wed, 21 Oct 2015 07:28:00 GMT")))
                .shouldBeInstanceOf<RateLimitException>().retryAfter shouldBe Duration.ZERO
        }
        test("no or unreadable Retry-After gives null") {
            error(429).shouldBeInstanceOf<RateLimitException>().retryAfter.shouldBeNull()
            error(429, headers = mapOf("Retry-After" to listOf("soon"))).shouldBeInstanceOf<RateLimitException>().retryAfter().isPresent shouldBe false
        }
    }
})

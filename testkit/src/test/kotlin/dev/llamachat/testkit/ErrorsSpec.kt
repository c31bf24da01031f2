package dev.llamachat.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import java.util.UUID
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** The `detail` of a 422 as (loc joined with '.', type) pairs. */
private fun TestHttp.Response.violations(): List<Pair<String, String>> =
    json["detail"]!!.jsonArray.map { entry ->
        val obj = entry.jsonObject
        obj["loc"]!!.jsonArray.joinToString(".") { it.jsonPrimitive.content } to obj["type"]!!.jsonPrimitive.content
    }

private fun TestHttp.Response.detail(): String = json["detail"]!!.jsonPrimitive.content

class ErrorsSpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())
    val http = TestHttp(server)

    context("400") {
        test("for a body that is not JSON") {
            val id = http.create()
            val response = http.post("/api/v1/chat/$id/messages/stream", """{"prompt": "x",""")
            response.status shouldBe 400
            (response.json["detail"] is JsonPrimitive) shouldBe true
            http.post("/api/v1/chat", "not json").status shouldBe 400
        }

        context("for a page token the server did not issue") {
            withData("garbage", "cDF8MHwxfHNlcy0xfDA", "%25%25%25", "AAAA", "a+b/c=") { token ->
                val response = http.get("/api/v1/chat?page_token=$token")
                response.status shouldBe 400
                response.detail() shouldContain "page_token"
            }
        }
    }

    context("401") {
        val secured = autoClose(LocalLlamaCloud.builder().apiKey("sk-test-secret").start())

        test("for a call without Authorization, before anything else is checked") {
            val anonymous = TestHttp(secured, apiKey = null)
            val responses = listOf(
                anonymous.get("/api/v1/chat"),
                anonymous.post("/api/v1/chat", "{}"),
                anonymous.get("/api/v1/chat/ses-unknown"),
                anonymous.post("/api/v1/chat/ses-unknown/messages/stream", "not even json"),
                anonymous.get("/api/v1/chat?page_size=0"),
            )
            responses.map { it.status } shouldBe List(5) { 401 }
            responses[0].header("www-authenticate") shouldBe "Bearer"
            responses[0].detail() shouldBe "Not authenticated"
        }

        test("for a wrong key, without echoing it") {
            val wrong = TestHttp(secured, apiKey = "sk-wrong")
            val response = wrong.get("/api/v1/chat")
            response.status shouldBe 401
            response.body shouldNotContain "sk-wrong"
            response.body shouldNotContain "sk-test-secret"
            TestHttp(secured, apiKey = "sk-test-secret-and-more").get("/api/v1/chat").status shouldBe 401
        }

        test("not for the right key, on every endpoint") {
            val authorized = TestHttp(secured)
            val id = authorized.create()
            authorized.get("/api/v1/chat").status shouldBe 200
            authorized.get("/api/v1/chat/$id").status shouldBe 200
            authorized.get("/api/v1/chat/$id/summary").status shouldBe 200
            authorized.post("/api/v1/chat/$id/title", """{"first_message":"hi"}""").status shouldBe 200
            authorized.stream(id, "hello").status shouldBe 200
            authorized.delete("/api/v1/chat/$id").status shouldBe 204
        }
    }

    context("404") {
        test("for an unknown session on every session endpoint") {
            http.get("/api/v1/chat/ses-nope").status shouldBe 404
            http.get("/api/v1/chat/ses-nope/summary").status shouldBe 404
            http.delete("/api/v1/chat/ses-nope").status shouldBe 404
            http.post("/api/v1/chat/ses-nope/title", """{"first_message":"x"}""").status shouldBe 404
            val response = http.stream("ses-nope", "hello")
            response.status shouldBe 404
            response.detail() shouldBe "Session not found"
        }

        test("for a session of another project") {
            val project = UUID.randomUUID().toString()
            val id = http.create(query = "?project_id=$project")
            http.get("/api/v1/chat/$id?project_id=$project").status shouldBe 200
            http.get("/api/v1/chat/$id").status shouldBe 404
            http.get("/api/v1/chat/$id?project_id=${UUID.randomUUID()}").status shouldBe 404
            http.stream(id, "hello").status shouldBe 404
        }

        context("for an id that tries to leave its path segment, which can only ever name a session") {
            val id = http.create()
            withData(
                "..", "%2E%2E", "$id%2Fsummary", "$id%2F..", "a%2Fb", "$id%3Fx%3D1", "..%2F..%2Fchat", "%2F", "$id%00",
            ) { segment ->
                http.get("/api/v1/chat/$segment").status shouldBe 404
                http.get("/api/v1/chat/$segment/summary").status shouldBe 404
                http.stream(segment, "hello").status shouldBe 404
            }
        }

        test("for dot segments sent raw, which are never resolved against the path") {
            val id = http.create()
            val response = rawExchange(server.port, "GET /api/v1/chat/$id/../$id HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            response shouldStartWith "HTTP/1.1 404"
            rawExchange(server.port, "GET /api/v1/chat/../chat/$id/summary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") shouldStartWith "HTTP/1.1 404"
            rawExchange(server.port, "GET /api/v1/chat/$id/./summary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") shouldStartWith "HTTP/1.1 404"
            rawExchange(server.port, "GET /api/v1/chat/%zz/summary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") shouldStartWith "HTTP/1.1 404"
        }

        test("for paths that are no endpoint, and 405 for a wrong method") {
            http.get("/api/v1/chats").status shouldBe 404
            http.get("/api/v1/chat/").status shouldBe 404
            http.get("/api/v1/chat/x/y/z").status shouldBe 404
            val response = http.send("PUT", "/api/v1/chat", "{}")
            response.status shouldBe 405
            response.header("allow") shouldBe "GET, POST"
        }
    }

    context("409") {
        test("for a turn whose index set differs from the session's, order ignored") {
            val id = http.create(listOf("idx-demo", "idx-handbook"))
            http.stream(id, "hello", listOf("idx-demo")).status shouldBe 409
            http.stream(id, "hello", listOf("idx-handbook", "idx-demo")).status shouldBe 200
            val response = http.stream(id, "hello", listOf("idx-demo", "idx-other"))
            response.status shouldBe 409
            (response.json["detail"] is JsonPrimitive) shouldBe true
        }

        test("for any other set once an unbound session's first turn bound it") {
            val id = http.create(indexIds = null)
            http.stream(id, "hello", listOf("idx-handbook")).status shouldBe 200
            http.get("/api/v1/chat/$id/summary").json["index_ids"]!!.strings() shouldBe listOf("idx-handbook")
            http.stream(id, "hello", listOf("idx-demo")).status shouldBe 409
            http.stream(id, "hello", emptyList()).status shouldBe 409
        }

        test("for a second turn while one runs on the session") {
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM)
            val id = http.create()
            val first = http.openStream(id, "What were the main findings in Q3?")
            val reader = FrameReader(first.body())
            reader.next()!!.type shouldBe "thinking_delta"
            val second = http.stream(id, "And Q4?")
            second.status shouldBe 409
            second.detail() shouldContain "already running"
            reader.close()
            server.awaitIdle(java.time.Duration.ofSeconds(10)) shouldBe true
            http.stream(id, "And Q4?").status shouldBe 200
        }
    }

    context("422") {
        test("for a stream body without prompt, FastAPI style") {
            val id = http.create()
            val response = http.post("/api/v1/chat/$id/messages/stream", """{"index_ids":["idx-demo"]}""")
            response.status shouldBe 422
            val entry = response.json["detail"]!!.jsonArray.single().jsonObject
            entry["loc"] shouldBe JsonArray(listOf(JsonPrimitive("body"), JsonPrimitive("prompt")))
            entry["msg"]!!.jsonPrimitive.content shouldBe "Field required"
            entry["type"]!!.jsonPrimitive.content shouldBe "missing"
        }

        test("for a prompt over 1000 characters, not for one of exactly 1000") {
            val id = http.create()
            http.stream(id, "x".repeat(1001)).violations() shouldContainExactly listOf("body.prompt" to "string_too_long")
            http.stream(id, "x".repeat(1000)).status shouldBe 200
            // Characters, not UTF-16 units: 1000 emoji are 2000 chars in Java but 1000 characters.
            http.stream(id, "\uD83D\uDE00".repeat(1000)).status shouldBe 200
        }

        test("for every broken field of a body at once") {
            val id = http.create()
            http.post("/api/v1/chat/$id/messages/stream", """{"prompt":42,"index_ids":["a",7]}""").violations() shouldContainExactly
                listOf("body.prompt" to "string_type", "body.index_ids.1" to "string_type")
            http.post("/api/v1/chat/$id/messages/stream", """{"prompt":"hi"}""").violations() shouldContainExactly
                listOf("body.index_ids" to "missing")
            http.post("/api/v1/chat/$id/messages/stream", """{"prompt":"","index_ids":"idx-demo"}""").violations() shouldContainExactly
                listOf("body.prompt" to "string_too_short", "body.index_ids" to "list_type")
            http.post("/api/v1/chat/$id/messages/stream", "[1]").violations() shouldContainExactly listOf("body" to "model_attributes_type")
            http.post("/api/v1/chat/$id/messages/stream", null).violations() shouldContainExactly listOf("body" to "missing")
            http.post("/api/v1/chat/$id/title", "{}").violations() shouldContainExactly listOf("body.first_message" to "missing")
            http.post("/api/v1/chat", """{"index_ids":"idx-demo"}""").violations() shouldContainExactly listOf("body.index_ids" to "list_type")
        }

        test("for page_size outside 1..100 or not a number") {
            http.get("/api/v1/chat?page_size=0").violations() shouldContainExactly listOf("query.page_size" to "greater_than_equal")
            http.get("/api/v1/chat?page_size=101").violations() shouldContainExactly listOf("query.page_size" to "less_than_equal")
            http.get("/api/v1/chat?page_size=ten").violations() shouldContainExactly listOf("query.page_size" to "int_parsing")
            http.get("/api/v1/chat?page_size=1").status shouldBe 200
            http.get("/api/v1/chat?page_size=100").status shouldBe 200
        }

        test("for an organization_id or project_id that is not a UUID, on every endpoint") {
            val id = http.create()
            val bad = "?organization_id=acme&project_id=not-a-uuid"
            val expected = listOf("query.organization_id" to "uuid_parsing", "query.project_id" to "uuid_parsing")
            http.get("/api/v1/chat$bad").violations() shouldContainExactly expected
            http.post("/api/v1/chat$bad", "{}").violations() shouldContainExactly expected
            http.get("/api/v1/chat/$id$bad").violations() shouldContainExactly expected
            http.get("/api/v1/chat/$id/summary$bad").violations() shouldContainExactly expected
            http.delete("/api/v1/chat/$id$bad").violations() shouldContainExactly expected
            http.stream(id, "hi", query = bad).violations() shouldContainExactly expected
            http.get("/api/v1/chat?organization_id=${UUID.randomUUID()}").status shouldBe 200
        }
    }

    context("a failed call") {
        test("changes nothing: a refused turn leaves the session unbound and without turns") {
            val id = http.create(indexIds = null)
            http.stream(id, "x".repeat(1001), listOf("idx-demo")).status shouldBe 422
            val summary = http.get("/api/v1/chat/$id/summary").json
            summary["job_metadata"]!!.toString() shouldBe "null"
            summary["index_ids"]!!.toString() shouldBe "null"
        }
    }
})

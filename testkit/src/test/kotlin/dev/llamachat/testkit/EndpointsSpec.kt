package dev.llamachat.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.string.shouldStartWith
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long

private const val TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}"

class EndpointsSpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())
    val http = TestHttp(server)

    context("create") {
        test("binds the session to the given index ids and answers a summary with explicit nulls") {
            val response = http.post("/api/v1/chat", """{"index_ids":["idx-demo","idx-handbook"]}""")
            response.status shouldBe 200
            response.header("content-type") shouldBe "application/json"
            val json = response.json
            json.keys shouldBe setOf("session_id", "last_updated_at", "generated_title", "index_ids", "job_metadata")
            json["session_id"]!!.jsonPrimitive.content shouldStartWith "ses-"
            json["last_updated_at"]!!.jsonPrimitive.content shouldMatch TIMESTAMP
            json["index_ids"]!!.strings() shouldContainExactly listOf("idx-demo", "idx-handbook")
            json["generated_title"] shouldBe JsonNull
            json["job_metadata"] shouldBe JsonNull
        }

        test("without index ids, with an empty object or with no body at all, leaves the session unbound") {
            http.post("/api/v1/chat", "{}").json["index_ids"] shouldBe JsonNull
            http.post("/api/v1/chat", """{"index_ids":null}""").json["index_ids"] shouldBe JsonNull
            http.post("/api/v1/chat", null).json["index_ids"] shouldBe JsonNull
        }

        test("gives every session its own id") {
            val ids = (1..20).map { http.create() }
            ids.toSet().size shouldBe 20
        }
    }

    context("retrieve") {
        test("returns the summary fields and an empty history for a new session") {
            val id = http.create()
            val response = http.get("/api/v1/chat/$id")
            response.status shouldBe 200
            val json = response.json
            json["session_id"]!!.jsonPrimitive.content shouldBe id
            json["events"]!!.jsonArray.size shouldBe 0
            json.keys shouldBe setOf("session_id", "last_updated_at", "events", "generated_title", "index_ids", "job_metadata")
        }

        test("returns the stored history of a turn: user_input, thinking, tool_call, tool_result, text, stop") {
            val id = http.create()
            http.stream(id, "What were the main findings in Q3?").status shouldBe 200
            val events = http.get("/api/v1/chat/$id").json["events"]!!.jsonArray.map { it.jsonObject }
            events.map { it["type"]!!.jsonPrimitive.content } shouldContainExactly
                listOf("user_input", "thinking", "tool_call", "tool_result", "text", "stop")
            events[0]["content"]!!.jsonPrimitive.content shouldBe "What were the main findings in Q3?"
        }
    }

    context("summary") {
        test("returns the summary without events") {
            val id = http.create()
            val json = http.get("/api/v1/chat/$id/summary").json
            json["session_id"]!!.jsonPrimitive.content shouldBe id
            json.containsKey("events") shouldBe false
        }

        test("after a turn carries job_metadata, the generated title and a later last_updated_at") {
            val id = http.create()
            val before = http.get("/api/v1/chat/$id/summary").json["last_updated_at"]!!.jsonPrimitive.content
            http.stream(id, "What were the main findings in Q3?")
            val json = http.get("/api/v1/chat/$id/summary").json
            val after = json["last_updated_at"]!!.jsonPrimitive.content
            (after > before) shouldBe true
            json["generated_title"]!!.jsonPrimitive.content shouldBe "What were the main findings in Q3?..."
            val metadata = json["job_metadata"]!!.jsonObject
            metadata.keys shouldBe setOf("duration_ms", "error", "export_config_ids", "is_error",
                "total_input_tokens", "total_output_tokens", "turns")
            metadata["turns"]!!.jsonPrimitive.long shouldBe 1
            metadata["is_error"]!!.jsonPrimitive.content shouldBe "false"
            metadata["error"] shouldBe JsonNull
            (metadata["total_output_tokens"]!!.jsonPrimitive.long > 0) shouldBe true

            http.stream(id, "And Q4?")
            val second = http.get("/api/v1/chat/$id/summary").json
            second["job_metadata"]!!.jsonObject["turns"]!!.jsonPrimitive.long shouldBe 2
            second["generated_title"]!!.jsonPrimitive.content shouldBe "What were the main findings in Q3?..."
        }
    }

    context("title") {
        test("sets the title from first_message, cut at a word boundary to 60 characters with the ellipsis") {
            val id = http.create()
            val message = "Please summarise every finding of the quarterly reports, quarter by quarter, with numbers"
            val response = http.post("/api/v1/chat/$id/title", """{"first_message":"$message"}""")
            response.status shouldBe 200
            val title = response.json["generated_title"]!!.jsonPrimitive.content
            title shouldBe "Please summarise every finding of the quarterly reports,..."
            (title.length <= 60) shouldBe true
            http.get("/api/v1/chat/$id/summary").json["generated_title"]!!.jsonPrimitive.content shouldBe title
        }

        test("keeps a short message whole and adds the ellipsis") {
            val id = http.create()
            http.post("/api/v1/chat/$id/title", """{"first_message":"  Q3   findings "}""")
                .json["generated_title"]!!.jsonPrimitive.content shouldBe "Q3 findings..."
        }
    }

    context("delete") {
        test("answers 204 with an empty body, after which the session is 404 everywhere") {
            val id = http.create()
            val response = http.delete("/api/v1/chat/$id")
            response.status shouldBe 204
            response.body shouldBe ""
            http.get("/api/v1/chat/$id").status shouldBe 404
            http.get("/api/v1/chat/$id/summary").status shouldBe 404
            http.delete("/api/v1/chat/$id").status shouldBe 404
            http.post("/api/v1/chat/$id/title", """{"first_message":"x"}""").status shouldBe 404
            http.stream(id, "hello").status shouldBe 404
        }
    }

    context("every response") {
        test("carries an x-request-id") {
            val first = http.get("/api/v1/chat").header("x-request-id")
            val second = http.get("/api/v1/chat").header("x-request-id")
            first shouldNotBe null
            first shouldNotBe second
        }
    }
})

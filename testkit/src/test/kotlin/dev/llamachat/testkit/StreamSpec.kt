package dev.llamachat.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long

/** The order spec/WIRE.md fixes for a completed turn, as a regular expression over event types. */
private val TURN_ORDER = Regex("(thinking_delta )*thinking (tool_call tool_result )+(text_delta )*text stop")

class StreamSpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())
    val http = TestHttp(server)

    context("an agent turn") {
        val id = http.create()
        val response = http.stream(id, "What were the main findings in Q3?")
        val sse = Sse(response.body)

        test("is a 200 text/event-stream response") {
            response.status shouldBe 200
            response.header("content-type") shouldBe "text/event-stream"
            response.header("cache-control") shouldBe "no-cache"
        }

        test("frames every event as `event: <type>` and one `data:` line of JSON whose type matches") {
            val frameText = Regex("event: ([a-z_]+)\ndata: (\\{[^\n]*\\})\n\n")
            frameText.findAll(response.body).map { it.value }.joinToString("") shouldBe response.body
            sse.frames.forEach { it.event shouldBe it.type }
            sse.comments shouldBe emptyList()
        }

        test("comes in WIRE.md's order and ends with exactly one stop") {
            TURN_ORDER.matches(sse.types.joinToString(" ")) shouldBe true
            sse.types.count { it == "stop" } shouldBe 1
            sse.types.count { it == "thinking_delta" } shouldNotBe 0
            sse.types.count { it == "text_delta" } shouldNotBe 0
        }

        test("has a whole thinking and text equal to their deltas joined") {
            val thinking = sse.frames.single { it.type == "thinking" }.content
            sse.frames.filter { it.type == "thinking_delta" }.joinToString("") { it.content } shouldBe thinking
            val text = sse.frames.single { it.type == "text" }.content
            sse.frames.filter { it.type == "text_delta" }.joinToString("") { it.content } shouldBe text
        }

        test("streams deltas of realistic token size") {
            val deltas = sse.frames.filter { it.type == "text_delta" }.map { it.content }
            deltas.forEach { it.length shouldBeInRange 1..30 }
            (deltas.sumOf { it.length }.toDouble() / deltas.size) shouldBeInRange2 (2.0..15.0)
        }

        test("calls search_index with the query and index ids, and gets passages with an image attachment") {
            val call = sse.frames.single { it.type == "tool_call" }.json
            call["name"]!!.jsonPrimitive.content shouldBe "search_index"
            val arguments = call["arguments"]!!.jsonObject
            arguments["query"]!!.jsonPrimitive.content shouldBe "What were the main findings in Q3?"
            arguments["index_ids"]!!.strings() shouldBe listOf("idx-demo")
            val result = sse.frames.single { it.type == "tool_result" }.json
            result["call_id"] shouldBe call["call_id"]
            result["name"]!!.jsonPrimitive.content shouldBe "search_index"
            val passages = result["result"]!!.jsonObject["passages"]!!.jsonArray
            passages.size shouldNotBe 0
            passages[0].jsonObject["source_id"]!!.jsonPrimitive.content shouldBe "doc-q3-2025-report"
            val attachment = result["image_attachment"]!!.jsonObject
            attachment["source_id"]!!.jsonPrimitive.content shouldBe "doc-q3-2025-report"
            attachment["attachment_name"]!!.jsonPrimitive.content shouldContain ".png"
        }

        test("answers from the matching quarter") {
            val text = sse.frames.single { it.type == "text" }.content
            text shouldContain "Q3"
            text shouldContain "churn fell to 2.1%"
        }

        test("stops with usage: token counts and the session's turn number") {
            val stop = sse.frames.last().json
            stop["error"] shouldBe JsonNull
            stop["is_error"]!!.jsonPrimitive.content shouldBe "false"
            val usage = stop["usage"]!!.jsonObject
            usage.keys shouldBe setOf("duration_ms", "total_input_tokens", "total_output_tokens", "turns")
            (usage["total_input_tokens"]!!.jsonPrimitive.long > 0) shouldBe true
            (usage["total_output_tokens"]!!.jsonPrimitive.long > 0) shouldBe true
            usage["turns"]!!.jsonPrimitive.long shouldBe 1
        }

        test("records the same usage in job_metadata") {
            val usage = sse.frames.last().json["usage"]!!.jsonObject
            val metadata = http.get("/api/v1/chat/$id/summary").json["job_metadata"]!!.jsonObject
            metadata["total_input_tokens"] shouldBe usage["total_input_tokens"]
            metadata["total_output_tokens"] shouldBe usage["total_output_tokens"]
            metadata["duration_ms"] shouldBe usage["duration_ms"]
        }
    }

    context("the scripted agent") {
        test("gives the same events for the same inputs") {
            val a = http.stream(http.create(listOf("idx-handbook")), "How many vacation days do I get?", listOf("idx-handbook")).body
            val b = http.stream(http.create(listOf("idx-handbook")), "How many vacation days do I get?", listOf("idx-handbook")).body
            a shouldBe b
            a shouldContain "25 days of paid vacation"
        }

        test("answers from every built-in index when the index ids are unknown") {
            val sse = Sse(http.stream(http.create(listOf("idx-elsewhere")), "What is the home-office allowance?", listOf("idx-elsewhere")).body)
            sse.frames.single { it.type == "text" }.content shouldContain "$600"
        }

        test("says so when nothing matches, and attaches no image") {
            val sse = Sse(http.stream(http.create(), "Zebra quokka?").body)
            sse.frames.single { it.type == "text" }.content shouldContain "found nothing"
            sse.frames.single { it.type == "tool_result" }.json["image_attachment"] shouldBe JsonNull
            TURN_ORDER.matches(sse.types.joinToString(" ")) shouldBe true
        }

        test("counts turns per session in usage") {
            val id = http.create()
            repeat(3) { http.stream(id, "Q${it + 1} revenue?") }
            val stop = Sse(http.stream(id, "Q4 revenue?").body).frames.last().json
            stop["usage"]!!.jsonObject["turns"]!!.jsonPrimitive.long shouldBe 4
            http.get("/api/v1/chat/$id").json["events"]!!.jsonArray shouldHaveSize 4 * 6
        }
    }

    context("a bench turn") {
        test("streams N text deltas of 3 to 12 characters, some non-ASCII, then text and stop") {
            val id = http.create()
            val response = http.stream(id, "bench:2500")
            response.header("content-length") shouldBe response.body.toByteArray().size.toString()
            val sse = Sse(response.body)
            sse.frames shouldHaveSize 2502
            sse.types.take(2500).toSet() shouldBe setOf("text_delta")
            sse.types.drop(2500) shouldContainExactly listOf("text", "stop")
            val deltas = sse.frames.take(2500).map { it.content }
            deltas.forEach { it.length shouldBeInRange 3..12 }
            deltas.any { token -> token.any { it.code > 127 } } shouldBe true
            // A pool of 1000 tokens, cycled.
            deltas.drop(1000).take(1500) shouldContainExactly deltas.take(1500)
            sse.frames[2500].content shouldBe deltas.joinToString("")
            val usage = sse.frames.last().json["usage"]!!.jsonObject
            usage["total_output_tokens"]!!.jsonPrimitive.long shouldBe 2500
            usage["turns"]!!.jsonPrimitive.long shouldBe 1
            val averageBytes = response.body.toByteArray().size / 2502.0
            averageBytes shouldBeInRange2 (55.0..80.0)
        }

        test("is the same for the same N, and N = 0 is text and stop only") {
            val a = http.stream(http.create(), "bench:1234").body
            val b = http.stream(http.create(), "bench:1234").body
            a shouldBe b
            Sse(http.stream(http.create(), "bench:0").body).types shouldContainExactly listOf("text", "stop")
        }

        test("keeps only the prompt and stop in the history, and updates job_metadata") {
            val id = http.create()
            http.stream(id, "bench:10")
            val session = http.get("/api/v1/chat/$id").json
            session["events"]!!.jsonArray.map { it.jsonObject["type"]!!.jsonPrimitive.content } shouldContainExactly listOf("user_input", "stop")
            session["job_metadata"]!!.jsonObject["total_output_tokens"]!!.jsonPrimitive.long shouldBe 10
        }

        test("is an ordinary prompt when N is not a number in range") {
            val sse = Sse(http.stream(http.create(), "bench:abc").body)
            sse.types.first() shouldBe "thinking_delta"
            Sse(http.stream(http.create(), "bench:5000001").body).types.first() shouldBe "thinking_delta"
        }
    }

    context("keep-alives") {
        test("are `: keep-alive` comments while a paced stream is silent") {
            val paced = LocalLlamaCloud.builder().keepAliveInterval(java.time.Duration.ofMillis(20)).tokenDelay(java.time.Duration.ofMillis(1)).start()
            try {
                paced.enqueue(ScriptedResponse.serve().withEventInterval(java.time.Duration.ofMillis(60)), Endpoint.STREAM)
                val pacedHttp = TestHttp(paced)
                val sse = Sse(pacedHttp.stream(pacedHttp.create(), "bench:4").body)
                sse.types shouldContainExactly listOf("text_delta", "text_delta", "text_delta", "text_delta", "text", "stop")
                sse.comments.isEmpty() shouldBe false
                sse.comments.toSet() shouldBe setOf(": keep-alive")
            } finally {
                paced.close()
            }
        }
    }
})

private infix fun Double.shouldBeInRange2(range: ClosedFloatingPointRange<Double>) {
    (this in range) shouldBe true
}

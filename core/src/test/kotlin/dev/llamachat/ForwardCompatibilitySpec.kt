package dev.llamachat

import dev.llamachat.internal.ChatEventJson
import dev.llamachat.internal.LlamaJson
import dev.llamachat.internal.PageSerializer
import dev.llamachat.internal.SessionSerializer
import dev.llamachat.internal.SessionSummarySerializer
import dev.llamachat.internal.SseDecoder
import dev.llamachat.internal.SseEncoder
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withTests
import io.kotest.matchers.maps.shouldBeEmpty
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

private fun obj(json: String): JsonObject = LlamaJson.parseToJsonElement(json).jsonObject

/** One event of each known type with fields no version of this SDK knows, at the top and inside nested objects. */
private val eventsWithNewFields = listOf(
    """{"type":"text_delta","content":"Hi","seq":7}""",
    """{"type":"thinking_delta","content":"Hm","seq":{"n":1}}""",
    """{"type":"text","content":"Hi there","citations":[{"doc":"d-1"}]}""",
    """{"type":"thinking","content":"Let me","model":"m-2"}""",
    """{"type":"user_input","content":"Q3?","attachments":[]}""",
    """{"type":"tool_call","call_id":"c","name":"search","arguments":{"q":"Q3"},"started_at":"2026-04-22T12:34:41"}""",
    """{"type":"tool_result","call_id":"c","name":"search","result":[1],"image_attachment":{"attachment_name":"p.png","source_id":"d","page":3},"latency_ms":12}""",
    """{"type":"stop","error":null,"is_error":false,"usage":{"duration_ms":1.5,"total_input_tokens":null,"total_output_tokens":null,"turns":1,"cached_tokens":40},"finish_reason":"end"}""",
)

class ForwardCompatibilitySpec : FunSpec({
    context("every known event keeps the fields it does not know, and writes them back") {
        withTests(nameFn = { obj(it)["type"].toString() }, eventsWithNewFields) { json ->
            val event = ChatEventJson.decode(json)
            event.shouldNotBeUnknown()
            val expected = JsonObject(obj(json).filterKeys { it !in KNOWN.getValue(event.type!!) })
            event.additionalProperties shouldBe expected
            event.additionalProperties().keys shouldBe expected.keys
            obj(ChatEventJson.encode(event)) shouldBe obj(json)
            ChatEventJson.decode(ChatEventJson.encode(event)) shouldBe event
        }
    }

    context("the SSE encoder writes them back, so a server built on it (testkit) serves them") {
        withTests(nameFn = { obj(it)["type"].toString() }, eventsWithNewFields) { json ->
            val event = ChatEventJson.decode(json)
            val decoder = SseDecoder()
            val bytes = SseEncoder.encode(event).toByteArray(Charsets.UTF_8)
            decoder.feed(bytes, 0, bytes.size)
            val frame = decoder.next()!!
            ChatEventJson.decode(frame.data, frame.event) shouldBe event
        }
    }

    test("unknown fields inside usage and image attachment are kept on those models") {
        val stop = ChatEventJson.decode(eventsWithNewFields[7]) as ChatEvent.Stop
        stop.usage.additionalProperties shouldBe obj("""{"cached_tokens":40}""")
        stop.usage.additionalProperties() shouldBe mapOf("cached_tokens" to 40L)
        stop.additionalProperties() shouldBe mapOf("finish_reason" to "end")
        val result = ChatEventJson.decode(eventsWithNewFields[6]) as ChatEvent.ToolResult
        result.imageAttachment!!.additionalProperties() shouldBe mapOf("page" to 3L)
    }

    test("a field another type owns, even with a JSON type that type would reject, is an unknown field here") {
        val json = """{"type":"text_delta","content":"x","name":{"first":"a"},"usage":"n/a","arguments":[1]}"""
        val event = ChatEventJson.decode(json)
        event shouldBe ChatEvent.TextDelta("x").withAdditionalProperties(obj("""{"name":{"first":"a"},"usage":"n/a","arguments":[1]}"""))
        obj(ChatEventJson.encode(event)) shouldBe obj(json)
    }

    test("events the service sends today have none, and equal the events built in code") {
        val event = ChatEventJson.decode("""{"type":"text_delta","content":"x"}""")
        event.additionalProperties().shouldBeEmpty()
        event shouldBe ChatEvent.TextDelta("x")
        (event == ChatEvent.TextDelta("x").withAdditionalProperties(obj("""{"seq":1}"""))) shouldBe false
    }

    test("a page, its summaries and their job metadata keep unknown fields at every level, and write them back") {
        val json = """{"items":[{"session_id":"s","last_updated_at":"2026-04-22T12:34:41","generated_title":null,"index_ids":null,
            "job_metadata":{"error":null,"export_config_ids":null,"total_input_tokens":null,"total_output_tokens":null,"turns":2,"model":"x","cost":[1,2]},
            "owner":{"id":1}}],"next_page_token":null,"total":1}"""
        val serializer = PageSerializer(SessionSummarySerializer)
        val page = LlamaJson.decodeFromString(serializer, json)
        page.additionalProperties() shouldBe mapOf("total" to 1L)
        val summary = page.items.single()
        summary.additionalProperties() shouldBe mapOf("owner" to mapOf("id" to 1L))
        val job = summary.jobMetadata!!
        job.additionalProperties() shouldBe mapOf("model" to "x", "cost" to listOf(1L, 2L))
        job.turns shouldBe 2L
        obj(LlamaJson.encodeToString(serializer, page)) shouldBe obj(json)
    }

    test("a session keeps its own unknown fields and its events' ones; toSummary carries them over") {
        val json = """{"session_id":"s","last_updated_at":"t","generated_title":null,"index_ids":null,"job_metadata":null,"archived":false,
            "events":[{"type":"text","content":"a","ts":1},{"type":"stop","error":null,"is_error":false,"usage":{"total_input_tokens":null,"total_output_tokens":null,"turns":1,"x":0},"y":[]}]}"""
        val session = LlamaJson.decodeFromString(SessionSerializer, json)
        session.additionalProperties() shouldBe mapOf("archived" to false)
        session.events[0].additionalProperties() shouldBe mapOf("ts" to 1L)
        (session.events[1] as ChatEvent.Stop).usage.additionalProperties() shouldBe mapOf("x" to 0L)
        session.toSummary().additionalProperties() shouldBe mapOf("archived" to false)
        obj(LlamaJson.encodeToString(SessionSerializer, session)) shouldBe obj(json)
    }

    test("an unknown event is written back exactly as it came") {
        val json = """{"type":"citation","source_id":"doc-7","nested":{"a":[true,null]}}"""
        val event = ChatEventJson.decode(json)
        event shouldBe ChatEvent.Unknown("citation", obj(json))
        event.additionalProperties() shouldBe mapOf("source_id" to "doc-7", "nested" to mapOf("a" to listOf(true, null)))
        obj(ChatEventJson.encode(event)) shouldBe obj(json)
    }

    test("added in code, unknown fields never replace a known one on encode") {
        val event = ChatEvent.TextDelta("real").withAdditionalProperties(obj("""{"content":"fake","extra":1}"""))
        obj(ChatEventJson.encode(event)) shouldBe obj("""{"type":"text_delta","content":"real","extra":1}""")
    }
})

private val KNOWN: Map<String, Set<String>> = mapOf(
    "text_delta" to setOf("type", "content"),
    "thinking_delta" to setOf("type", "content"),
    "text" to setOf("type", "content"),
    "thinking" to setOf("type", "content"),
    "user_input" to setOf("type", "content"),
    "tool_call" to setOf("type", "call_id", "name", "arguments"),
    "tool_result" to setOf("type", "call_id", "name", "result", "image_attachment"),
    "stop" to setOf("type", "error", "is_error", "usage"),
)

private fun ChatEvent.shouldNotBeUnknown() {
    (this is ChatEvent.Unknown) shouldBe false
}

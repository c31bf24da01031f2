package dev.llamachat.internal

import dev.llamachat.ChatEvent
import dev.llamachat.ImageAttachment
import dev.llamachat.Usage
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withTests
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.put

private fun obj(json: String): JsonObject = LlamaJson.parseToJsonElement(json).jsonObject

/** One wire example per known variant: its JSON as the service sends it and the event it means. */
private class Variant(val name: String, val json: String, val event: ChatEvent) {
    override fun toString() = name
}

private val searchArgs = buildJsonObject { put("query", "Q3 findings"); put("top_k", 3) }

private val variants = listOf(
    Variant("thinking_delta", """{"type":"thinking_delta","content":"Let me"}""", ChatEvent.ThinkingDelta("Let me")),
    Variant("text_delta", """{"type":"text_delta","content":"The main"}""", ChatEvent.TextDelta("The main")),
    Variant("thinking", """{"type":"thinking","content":"Let me search."}""", ChatEvent.Thinking("Let me search.")),
    Variant("text", """{"type":"text","content":"The main findings"}""", ChatEvent.Text("The main findings")),
    Variant("user_input", """{"type":"user_input","content":"What were the main findings in Q3?"}""",
        ChatEvent.UserInput("What were the main findings in Q3?")),
    Variant("tool_call", """{"type":"tool_call","call_id":"call-1","name":"search_index","arguments":{"query":"Q3 findings","top_k":3}}""",
        ChatEvent.ToolCall("call-1", "search_index", searchArgs)),
    Variant("tool_result", """{"type":"tool_result","call_id":"call-1","name":"search_index","result":[{"text":"Revenue grew"}],"image_attachment":{"attachment_name":"page-3.png","source_id":"doc-7"}}""",
        ChatEvent.ToolResult("call-1", "search_index", buildJsonArray { add(buildJsonObject { put("text", "Revenue grew") }) },
            ImageAttachment("page-3.png", "doc-7"))),
    Variant("tool_result without attachment", """{"type":"tool_result","call_id":"call-2","name":"calc","result":42,"image_attachment":null}""",
        ChatEvent.ToolResult("call-2", "calc", JsonPrimitive(42), null)),
    Variant("stop", """{"type":"stop","error":null,"is_error":false,"usage":{"duration_ms":1520.5,"total_input_tokens":812,"total_output_tokens":96,"turns":1}}""",
        ChatEvent.Stop(null, false, Usage(1520.5, 812, 96, 1))),
    Variant("stop with error", """{"type":"stop","error":"index unavailable","is_error":true,"usage":{"duration_ms":3.0,"total_input_tokens":null,"total_output_tokens":null,"turns":2}}""",
        ChatEvent.Stop("index unavailable", true, Usage(3.0, null, null, 2))),
)

class ChatEventJsonSpec : FunSpec({
    context("every known variant decodes from its wire JSON") {
        withTests(nameFn = { it.name }, variants) { v -> ChatEventJson.decode(v.json) shouldBe v.event }
    }

    context("every known variant encodes to its wire JSON, type first") {
        withTests(nameFn = { it.name }, variants) { v ->
            val encoded = ChatEventJson.encode(v.event)
            obj(encoded) shouldBe obj(v.json)
            encoded shouldStartWith """{"type":"${v.event.type}""""
            ChatEventJson.decode(encoded) shouldBe v.event
        }
    }

    context("a session's events decode from JSON objects the same way") {
        withTests(nameFn = { it.name }, variants) { v -> ChatEventJson.decode(obj(v.json)) shouldBe v.event }
    }

    context("unknown fields never fail an event, and are kept") {
        test("extra fields of any JSON type beside a text delta") {
            ChatEventJson.decode("""{"type":"text_delta","content":"x","seq":7,"meta":{"a":[1,2]},"flag":null}""") shouldBe
                ChatEvent.TextDelta("x").withAdditionalProperties(obj("""{"seq":7,"meta":{"a":[1,2]},"flag":null}"""))
        }
        test("a field another variant owns, with a JSON type that variant would reject, does not break this one") {
            ChatEventJson.decode("""{"type":"text_delta","content":"x","name":{"first":"a"},"usage":"n/a","arguments":[1]}""") shouldBe
                ChatEvent.TextDelta("x").withAdditionalProperties(obj("""{"name":{"first":"a"},"usage":"n/a","arguments":[1]}"""))
            ChatEventJson.decode("""{"type":"tool_call","call_id":"c","name":"n","arguments":{},"content":{"rich":true}}""") shouldBe
                ChatEvent.ToolCall("c", "n", JsonObject(emptyMap())).withAdditionalProperties(obj("""{"content":{"rich":true}}"""))
            ChatEventJson.decode(obj("""{"type":"stop","error":null,"is_error":false,"usage":{},"content":[1]}""")) shouldBe
                ChatEvent.Stop(null, false, Usage()).withAdditionalProperties(obj("""{"content":[1]}"""))
        }
        test("unknown fields inside usage and image attachment") {
            ChatEventJson.decode("""{"type":"stop","error":null,"is_error":false,"usage":{"turns":3,"cache":{"hit":1}}}""") shouldBe
                ChatEvent.Stop(null, false, Usage(turns = 3).withAdditionalProperties(obj("""{"cache":{"hit":1}}""")))
            ChatEventJson.decode("""{"type":"tool_result","call_id":"c","name":"n","result":null,"image_attachment":{"attachment_name":"a","source_id":"s","page":4}}""") shouldBe
                ChatEvent.ToolResult("c", "n", JsonNull, ImageAttachment("a", "s").withAdditionalProperties(obj("""{"page":4}""")))
        }
    }

    context("an unknown type becomes Unknown and keeps the raw JSON") {
        test("its type and every field are kept") {
            val json = """{"type":"citation","source_id":"doc-7","spans":[[1,4]],"score":0.93}"""
            ChatEventJson.decode(json) shouldBe ChatEvent.Unknown("citation", obj(json))
        }
        test("fields named like known ones but of other JSON types never fail it") {
            val json = """{"type":"progress","content":{"pct":40},"name":7,"usage":"n/a","arguments":[1],"is_error":"no","call_id":9}"""
            ChatEventJson.decode(json) shouldBe ChatEvent.Unknown("progress", obj(json))
            ChatEventJson.decode(obj(json)) shouldBe ChatEvent.Unknown("progress", obj(json))
        }
        test("it encodes back exactly as it came") {
            val json = """{"type":"citation","source_id":"doc-7","nested":{"a":[true,null]}}"""
            obj(ChatEventJson.encode(ChatEventJson.decode(json))) shouldBe obj(json)
        }
        test("the JSON type wins over the SSE event name") {
            ChatEventJson.decode("""{"type":"citation","content":"x"}""", sseEventName = "text") shouldBe
                ChatEvent.Unknown("citation", obj("""{"type":"citation","content":"x"}"""))
            ChatEventJson.decode("""{"type":"text","content":"x"}""", sseEventName = "citation") shouldBe ChatEvent.Text("x")
        }
    }

    context("a missing type is taken from the SSE event name") {
        withTests(nameFn = { it.name }, variants) { v ->
            val withoutType = JsonObject(obj(v.json) - "type").toString()
            ChatEventJson.decode(withoutType, sseEventName = v.event.type) shouldBe v.event
        }
        test("an unknown event name gives Unknown with that name") {
            ChatEventJson.decode("""{"content":"x"}""", sseEventName = "annotation") shouldBe
                ChatEvent.Unknown("annotation", obj("""{"content":"x"}"""))
        }
        test("an empty event name counts as none") {
            ChatEventJson.decode("""{"content":"x"}""", sseEventName = "") shouldBe ChatEvent.Unknown(null, obj("""{"content":"x"}"""))
        }
    }

    context("with neither a type nor an event name, the type is inferred where only one variant fits") {
        test("call_id and arguments mean tool_call") {
            ChatEventJson.decode("""{"call_id":"c","name":"search","arguments":{"q":1}}""") shouldBe
                ChatEvent.ToolCall("c", "search", buildJsonObject { put("q", 1) })
        }
        test("call_id and result mean tool_result") {
            ChatEventJson.decode("""{"call_id":"c","name":"search","result":"ok"}""") shouldBe
                ChatEvent.ToolResult("c", "search", JsonPrimitive("ok"))
        }
        test("usage or is_error mean stop") {
            ChatEventJson.decode("""{"error":null,"is_error":false,"usage":{"turns":1}}""") shouldBe
                ChatEvent.Stop(null, false, Usage(turns = 1))
            ChatEventJson.decode("""{"is_error":true,"error":"boom"}""") shouldBe ChatEvent.Stop("boom", true, Usage())
            ChatEventJson.decode("""{"usage":{"turns":2}}""") shouldBe ChatEvent.Stop(null, false, Usage(turns = 2))
        }
        test("content alone fits five variants, so it stays Unknown without a type") {
            ChatEventJson.decode("""{"content":"x"}""") shouldBe ChatEvent.Unknown(null, obj("""{"content":"x"}"""))
            ChatEventJson.decode(obj("""{"content":"x"}""")) shouldBe ChatEvent.Unknown(null, obj("""{"content":"x"}"""))
        }
        test("an empty object is Unknown without a type") {
            ChatEventJson.decode("{}") shouldBe ChatEvent.Unknown(null, JsonObject(emptyMap()))
        }
        test("fields that fit no variant's JSON types stay Unknown") {
            val json = """{"call_id":5,"arguments":"x","usage":"y"}"""
            ChatEventJson.decode(json) shouldBe ChatEvent.Unknown(null, obj(json))
        }
    }

    context("a stop event is read tolerantly") {
        test("a missing is_error follows error") {
            ChatEventJson.decode("""{"type":"stop","error":"boom","usage":{}}""") shouldBe ChatEvent.Stop("boom", true, Usage())
            ChatEventJson.decode("""{"type":"stop","usage":{}}""") shouldBe ChatEvent.Stop(null, false, Usage())
        }
        test("a missing usage is an empty one, so the turn still ends") {
            ChatEventJson.decode("""{"type":"stop","error":null,"is_error":false}""") shouldBe ChatEvent.Stop(null, false, Usage())
        }
        test("nulls in usage's optional fields read as absent") {
            ChatEventJson.decode("""{"type":"stop","error":null,"is_error":false,"usage":{"duration_ms":null,"turns":null}}""") shouldBe
                ChatEvent.Stop(null, false, Usage())
        }
    }

    context("malformed events fail with a SerializationException, an IllegalArgumentException") {
        withTests(
            nameFn = { it.ifEmpty { "(empty data)" } },
            "{\"type\":\"text\",\"content\":\"x\"",
            "not json",
            "",
            "[1,2]",
            "42",
            "\"text\"",
            "null",
            "{\"type\":\"text\"}",
            "{\"type\":\"thinking_delta\",\"content\":null}",
            "{\"type\":\"user_input\",\"content\":{\"a\":1}}",
            "{\"type\":\"tool_call\",\"name\":\"n\",\"arguments\":{}}",
            "{\"type\":\"tool_call\",\"call_id\":\"c\",\"arguments\":{}}",
            "{\"type\":\"tool_call\",\"call_id\":\"c\",\"name\":\"n\"}",
            "{\"type\":\"tool_call\",\"call_id\":\"c\",\"name\":\"n\",\"arguments\":[1]}",
            "{\"type\":\"tool_result\",\"name\":\"n\",\"result\":1}",
            "{\"type\":\"tool_result\",\"call_id\":\"c\",\"result\":1}",
            "{\"type\":\"tool_result\",\"call_id\":\"c\",\"name\":\"n\",\"result\":1,\"image_attachment\":{\"source_id\":\"s\"}}",
            "{\"type\":\"stop\",\"error\":null,\"is_error\":false,\"usage\":\"none\"}",
            "{\"call_id\":\"c\",\"arguments\":{}}",
            "{\"type\":5,\"content\":\"x\"}",
            "{\"type\":{\"name\":\"text\"},\"content\":\"x\"}",
        ) { json ->
            val e = shouldThrow<SerializationException> { ChatEventJson.decode(json) }
            e.shouldBeInstanceOf<IllegalArgumentException>()
        }
        test("a missing required field is named in the message") {
            shouldThrow<SerializationException> { ChatEventJson.decode("""{"type":"tool_call","call_id":"c","arguments":{}}""") }
                .message shouldContain "name"
        }
        test("from a session's JSON object too") {
            shouldThrow<SerializationException> { ChatEventJson.decode(obj("""{"type":"text"}""")) }
            shouldThrow<SerializationException> { ChatEventJson.decode(obj("""{"type":"tool_call","call_id":"c","name":"n","arguments":5}""")) }
        }
    }
})

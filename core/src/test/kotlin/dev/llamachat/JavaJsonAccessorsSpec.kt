package dev.llamachat

import dev.llamachat.internal.ChatEventJson
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.math.BigInteger

/** The Java view of JSON-valued fields: plain Java values in one call, or the JSON text. */
class JavaJsonAccessorsSpec : FunSpec({
    val call = ChatEventJson.decode(
        """{"type":"tool_call","call_id":"c","name":"search","arguments":{"query":"Q3","top_k":3,"score":0.5,"exp":1e3,
            "big":123456789012345678901234567890,"exact":true,"none":null,"tags":["a",{"b":[1]}]}}""",
    ) as ChatEvent.ToolCall

    test("tool call arguments are a Map of plain Java values, in their JSON order") {
        val arguments = call.arguments()
        arguments.keys.toList() shouldBe listOf("query", "top_k", "score", "exp", "big", "exact", "none", "tags")
        arguments["query"] shouldBe "Q3"
        arguments["top_k"] shouldBe 3L
        arguments["score"] shouldBe 0.5
        arguments["exp"] shouldBe 1000.0
        arguments["big"] shouldBe BigInteger("123456789012345678901234567890")
        arguments["exact"] shouldBe true
        arguments.containsKey("none") shouldBe true
        arguments["none"].shouldBeNull()
        arguments["tags"] shouldBe listOf("a", mapOf("b" to listOf(1L)))
    }

    test("the maps and lists handed out cannot be changed") {
        shouldThrow<UnsupportedOperationException> { (call.arguments() as MutableMap<String, Any?>)["x"] = 1 }
        @Suppress("UNCHECKED_CAST")
        shouldThrow<UnsupportedOperationException> { (call.arguments()["tags"] as MutableList<Any?>).add(1) }
        call.arguments()["query"] shouldBe "Q3"
    }

    test("tool call arguments as JSON text read back to the same object") {
        ChatEventJson.decode("""{"type":"tool_call","call_id":"c","name":"search","arguments":${call.argumentsJson()}}""") shouldBe call
    }

    test("a tool result is whatever JSON value it is, as a plain Java value or its text") {
        fun result(json: String) = ChatEventJson.decode("""{"type":"tool_result","call_id":"c","name":"n","result":$json}""") as ChatEvent.ToolResult
        result("[\"Revenue grew\",2]").result() shouldBe listOf("Revenue grew", 2L)
        result("{\"hits\":[]}").result() shouldBe mapOf("hits" to emptyList<Any>())
        result("\"plain\"").result() shouldBe "plain"
        result("42").result() shouldBe 42L
        result("-1.25").result() shouldBe -1.25
        result("false").result() shouldBe false
        result("null").result().shouldBeNull()
        result("\"null\"").result() shouldBe "null"
        result("[1,{\"a\":null}]").resultJson() shouldBe "[1,{\"a\":null}]"
        result("\"q\\\"uote\"").resultJson() shouldBe "\"q\\\"uote\""
    }

    test("an unknown event's fields, type included, as plain Java values and as JSON text") {
        val unknown = ChatEventJson.decode("""{"type":"citation","source_id":"doc-7","span":[1,4]}""")
            .shouldBeInstanceOf<ChatEvent.Unknown>()
        unknown.fields() shouldBe mapOf("type" to "citation", "source_id" to "doc-7", "span" to listOf(1L, 4L))
        unknown.fieldsJson() shouldBe """{"type":"citation","source_id":"doc-7","span":[1,4]}"""
        unknown.type().get() shouldBe "citation"
    }
})

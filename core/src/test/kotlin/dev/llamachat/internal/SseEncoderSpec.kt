package dev.llamachat.internal

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

class SseEncoderSpec : FunSpec({
    context("framing") {
        test("data alone is one data line and a blank line") {
            SseEncoder.encode("hello") shouldBe "data: hello\n\n"
        }
        test("event and id come first, in that order") {
            SseEncoder.encode("x", event = "text_delta", id = "7") shouldBe "event: text_delta\nid: 7\ndata: x\n\n"
            SseEncoder.encode("x", id = "7") shouldBe "id: 7\ndata: x\n\n"
        }
        test("empty data is one empty data line") {
            SseEncoder.encode("") shouldBe "data: \n\n"
        }
        test("every line end style frames the same lines") {
            SseEncoder.encode("a", "e", "1", SseEncoder.LineEnd.CRLF) shouldBe "event: e\r\nid: 1\r\ndata: a\r\n\r\n"
            SseEncoder.encode("a", "e", "1", SseEncoder.LineEnd.CR) shouldBe "event: e\rid: 1\rdata: a\r\r"
            SseEncoder.encode("a", "e", "1", SseEncoder.LineEnd.LF) shouldBe "event: e\nid: 1\ndata: a\n\n"
        }
        test("values are written as they are, leading spaces and colons included") {
            SseEncoder.encode(" x: y ", event = " e") shouldBe "event:  e\ndata:  x: y \n\n"
        }
    }

    context("multi-line data becomes one data line per line") {
        test("split on LF") {
            SseEncoder.encode("a\nb") shouldBe "data: a\ndata: b\n\n"
        }
        test("split on CR") {
            SseEncoder.encode("a\rb") shouldBe "data: a\ndata: b\n\n"
        }
        test("split on CRLF as one line end") {
            SseEncoder.encode("a\r\nb") shouldBe "data: a\ndata: b\n\n"
        }
        test("LF CR is two line ends") {
            SseEncoder.encode("a\n\rb") shouldBe "data: a\ndata: \ndata: b\n\n"
        }
        test("leading, trailing and repeated line ends give empty data lines") {
            SseEncoder.encode("\na\n") shouldBe "data: \ndata: a\ndata: \n\n"
            SseEncoder.encode("\r\n\r\n") shouldBe "data: \ndata: \ndata: \n\n"
        }
        test("the chosen line end is used between data lines too") {
            SseEncoder.encode("a\nb", lineEnd = SseEncoder.LineEnd.CRLF) shouldBe "data: a\r\ndata: b\r\n\r\n"
        }
    }

    context("chat events") {
        test("a chat event is framed with its type as the event name and its JSON as data") {
            SseEncoder.encode(ChatEvent.TextDelta("The main")) shouldBe
                "event: text_delta\ndata: {\"type\":\"text_delta\",\"content\":\"The main\"}\n\n"
            SseEncoder.encode(ChatEvent.Stop(null, false, Usage(turns = 1)), SseEncoder.LineEnd.CRLF) shouldBe
                "event: stop\r\ndata: {\"type\":\"stop\",\"error\":null,\"is_error\":false," +
                "\"usage\":{\"total_input_tokens\":null,\"total_output_tokens\":null,\"turns\":1}}\r\n\r\n"
        }
        test("content with line breaks stays on one data line, escaped in the JSON") {
            SseEncoder.encode(ChatEvent.Text("one\ntwo")) shouldBe "event: text\ndata: {\"type\":\"text\",\"content\":\"one\\ntwo\"}\n\n"
        }
        test("an unknown event without a type has no event line") {
            SseEncoder.encode(ChatEvent.Unknown(null, JsonObject(mapOf("x" to JsonPrimitive(1))))) shouldBe "data: {\"x\":1}\n\n"
        }
        test("what it writes decodes back to the same event") {
            val event = ChatEvent.ToolResult("c", "search", JsonPrimitive("line one\r\nline two"))
            val frame = SseDecoder().run { feed(SseEncoder.encode(event).toByteArray()); next()!! }
            ChatEventJson.decode(frame.data, frame.event) shouldBe event
        }
    }

    context("comments") {
        test("a comment is a colon line") {
            SseEncoder.comment("keep-alive") shouldBe ":keep-alive\n"
            SseEncoder.comment(" keep-alive", SseEncoder.LineEnd.CRLF) shouldBe ": keep-alive\r\n"
            SseEncoder.comment("") shouldBe ":\n"
        }
    }

    context("values that could not be read back are rejected") {
        for (lineBreak in listOf("\n", "\r", "\r\n")) {
            val shown = lineBreak.replace("\r", "CR").replace("\n", "LF")
            test("an event name containing $shown") {
                shouldThrow<IllegalArgumentException> { SseEncoder.encode("x", event = "a${lineBreak}data: y") }
            }
            test("an id containing $shown") {
                shouldThrow<IllegalArgumentException> { SseEncoder.encode("x", id = "1$lineBreak") }
            }
            test("a comment containing $shown") {
                shouldThrow<IllegalArgumentException> { SseEncoder.comment("a${lineBreak}data: injected") }
            }
        }
        test("an id containing NUL, which decoders ignore") {
            shouldThrow<IllegalArgumentException> { SseEncoder.encode("x", id = "1\u00002") }
        }
    }
})

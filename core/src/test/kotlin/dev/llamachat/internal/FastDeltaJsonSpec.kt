package dev.llamachat.internal

import dev.llamachat.ChatEvent
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.property.Arb
import io.kotest.property.arbitrary.byte
import io.kotest.property.arbitrary.byteArray
import io.kotest.property.arbitrary.arbitrary
import io.kotest.property.arbitrary.element
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.string
import io.kotest.property.checkAll
import java.io.File
import kotlinx.serialization.json.JsonPrimitive

/** What the general decoder makes of [bytes], or null where it fails (the fast path must then decline too). */
private fun general(bytes: ByteArray): ChatEvent? =
    runCatching { ChatEventJson.decode(String(bytes, Charsets.UTF_8), null) }.getOrNull()

/** The fast path never disagrees with the general decoder: it returns null or exactly the same event. */
private fun fastAgrees(bytes: ByteArray): ChatEvent? {
    val fast = FastDeltaJson.decode(bytes, bytes.size) ?: return null
    fast shouldBe general(bytes)
    return fast
}

private val deltaTypes = Arb.element("text_delta", "thinking_delta")

private val pieces = listOf(
    "a", "b", " ", "hello", "\"", "\\", "\n", "\r", "\t", "\u0000", "\u001f", "\u007f", "é", "日本", "😀", "\uFFFD",
    "\u2028", "/", "}", "\"}", "\uD800", "\\u0041",
)

/** Text with what JSON escapes, control characters, non-ASCII, astral characters and U+FFFD mixed in. */
private val arbContent: Arb<String> = arbitrary { rs ->
    val r = rs.random
    buildString { repeat(r.nextInt(0, 10)) { append(pieces[r.nextInt(pieces.size)]) } }
}

class FastDeltaJsonSpec : FunSpec({
    test("a plain delta as the service writes it takes the fast path") {
        val text = "{\"type\":\"text_delta\",\"content\":\" hello é€😀\"}".toByteArray()
        fastAgrees(text) shouldBe ChatEvent.TextDelta(" hello é€😀")
        val thinking = "{\"type\":\"thinking_delta\",\"content\":\"\"}".toByteArray()
        fastAgrees(thinking) shouldBe ChatEvent.ThinkingDelta("")
    }

    test("text with JSON escapes takes the fast path too") {
        mapOf(
            "a\\\"b" to "a\"b",
            "a\\nb" to "a\nb",
            "\\\\ \\/ \\b\\f\\r\\t" to "\\ / \b\u000C\r\t",
            "\\u0041\\u00e9\\u00E9" to "Aéé",
            "é\\n日本" to "é\n日本",
            "\\ud83d\\ude00" to "😀",
            "\\ud800x" to "\ud800x", // a lone surrogate, as kotlinx reads it
            "\\u0000" to "\u0000",
        ).forEach { (json, text) ->
            val bytes = "{\"type\":\"text_delta\",\"content\":\"$json\"}".toByteArray()
            fastAgrees(bytes) shouldBe ChatEvent.TextDelta(text)
        }
    }

    test("every other shape is left to the general decoder") {
        listOf(
            "{\"type\":\"text_delta\",\"content\":\"a\\xb\"}", // an escape JSON does not have
            "{\"type\":\"text_delta\",\"content\":\"a\\u12\"}", // too few hex digits
            "{\"type\":\"text_delta\",\"content\":\"a\\u12G4\"}",
            "{\"type\":\"text_delta\",\"content\":\"a\\\"}", // the closing quote escaped: not closed
            "{\"type\":\"text_delta\",\"content\":\"a\\n\"b\"}", // a raw quote after an escape
            "{\"type\":\"text_delta\",\"content\":\"a\\n\tb\"}", // a raw control character after an escape
            "{\"type\":\"text_delta\",\"content\":\"\\uFFFD\"}",
            "{\"type\":\"text_delta\", \"content\":\"ab\"}", // spacing
            "{\"type\":\"text_delta\",\"content\":\"ab\" }",
            "{\"type\":\"text_delta\",\"content\":\"ab\",\"x\":1}", // another field
            "{\"type\":\"text_delta\",\"content\":\"a\",\"content\":\"b\"}", // a repeated key
            "{\"content\":\"ab\",\"type\":\"text_delta\"}", // another order
            "{\"type\":\"text\",\"content\":\"ab\"}", // another type
            "{\"type\":\"text_delta\",\"content\":\"a\tb\"}", // a raw control character
            "{\"type\":\"text_delta\",\"content\":\"\uFFFD\"}",
            "{\"type\":\"text_delta\",\"content\":\"ab\"}\n",
        ).forEach { FastDeltaJson.decode(it.toByteArray(), it.toByteArray().size).shouldBeNull() }
    }

    test("property: any content, JSON-encoded in the service's shape, decodes the same on both paths") {
        checkAll(2000, deltaTypes, arbContent) { type, content ->
            val json = "{\"type\":\"$type\",\"content\":${JsonPrimitive(content)}}".toByteArray()
            val expected = general(json).shouldNotBeNull()
            val fast = FastDeltaJson.decode(json, json.size)
            // Only U+FFFD (which a lone surrogate also becomes in UTF-8) leaves the fast path, whatever was escaped.
            if (!String(json, Charsets.UTF_8).contains('\uFFFD')) fast.shouldNotBeNull()
            (fast ?: expected) shouldBe expected
        }
    }

    test("property: arbitrary bytes (bad UTF-8 included) between the prefix and the end never disagree") {
        checkAll(3000, deltaTypes, Arb.byteArray(Arb.int(0, 24), Arb.byte())) { type, middle ->
            val bytes = "{\"type\":\"$type\",\"content\":\"".toByteArray() + middle + "\"}".toByteArray()
            fastAgrees(bytes)
        }
    }

    test("property: the size given is what is read, whatever follows in the array") {
        checkAll(500, deltaTypes, Arb.string(0, 10), Arb.byteArray(Arb.int(0, 8), Arb.byte())) { type, content, tail ->
            val json = "{\"type\":\"$type\",\"content\":${JsonPrimitive(content)}}".toByteArray()
            val fast = FastDeltaJson.decode(json + tail, json.size)
            if (fast != null) fast shouldBe general(json)
        }
    }

    test("the fuzz corpus: every event of every input decodes the same on both paths") {
        val root = File(javaClass.getResource("/dev/llamachat/internal/StreamFuzzTestInputs")!!.toURI())
        val inputs = root.walkTopDown().filter { it.isFile }.toList()
        inputs.shouldNotBeEmpty()
        var events = 0
        for (file in inputs) {
            val bytes = file.readBytes()
            // An eventJson input is one event's JSON (perhaps after a name line); the others are a header byte and a body.
            fastAgrees(bytes)
            if (bytes.isEmpty()) continue
            val newline = bytes.indexOf('\n'.code.toByte())
            if (newline >= 0) fastAgrees(bytes.copyOfRange(newline + 1, bytes.size))
            val frames = SseDecoder()
            frames.feed(bytes, 1, bytes.size - 1)
            while (runCatching { frames.advance() }.getOrDefault(false)) {
                fastAgrees(frames.dataBytes.copyOf(frames.dataSize))
                events++
            }
        }
        events shouldNotBe 0
    }
})

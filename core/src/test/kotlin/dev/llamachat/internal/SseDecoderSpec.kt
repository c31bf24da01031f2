package dev.llamachat.internal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.kotest.property.Arb
import io.kotest.property.arbitrary.enum
import io.kotest.property.arbitrary.long
import io.kotest.property.checkAll
import kotlin.random.Random

/** A frame as a comparable value. */
internal data class Ev(val event: String?, val data: String, val id: String? = null)

internal fun SseFrame.ev(): Ev = Ev(event, data, id)

/** Feeds each chunk in turn, draining the decoder after each, and returns every frame. */
internal fun SseDecoder.decodeAll(chunks: List<ByteArray>): List<Ev> {
    val out = ArrayList<Ev>()
    for (chunk in chunks) {
        feed(chunk)
        while (true) out += (next() ?: break).ev()
    }
    return out
}

private fun decode(vararg chunks: String, maxEventBytes: Int = SseDecoder.DEFAULT_MAX_EVENT_BYTES): List<Ev> =
    SseDecoder(maxEventBytes).decodeAll(chunks.map { it.toByteArray() })

private fun decodeBytes(vararg chunks: ByteArray): List<Ev> = SseDecoder().decodeAll(chunks.toList())

private fun bytes(vararg b: Int): ByteArray = ByteArray(b.size) { b[it].toByte() }

/** Every way to cut [bytes] in two. */
private fun splits(bytes: ByteArray): List<List<ByteArray>> =
    (0..bytes.size).map { listOf(bytes.copyOfRange(0, it), bytes.copyOfRange(it, bytes.size)) }

private fun oneByteAtATime(bytes: ByteArray): List<ByteArray> = bytes.map { byteArrayOf(it) }

private val BOM = bytes(0xEF, 0xBB, 0xBF)

class SseDecoderSpec : FunSpec({
    context("line ends") {
        test("LF ends a line") {
            decode("data: a\n\ndata: b\n\n") shouldBe listOf(Ev(null, "a"), Ev(null, "b"))
        }
        test("CRLF ends a line") {
            decode("event: e\r\ndata: a\r\n\r\ndata: b\r\n\r\n") shouldBe listOf(Ev("e", "a"), Ev(null, "b"))
        }
        test("CR ends a line") {
            decode("event: e\rdata: a\rdata: b\r\r") shouldBe listOf(Ev("e", "a\nb"))
        }
        test("the three line ends can be mixed in one stream") {
            decode("data: a\r\ndata: b\rdata: c\n\r\n\rdata: d\n\n") shouldBe listOf(Ev(null, "a\nb\nc"), Ev(null, "d"))
        }
        test("a CRLF split across two chunks is one line end, not a line end and a blank line") {
            decode("data: a\r", "\ndata: b\n\n") shouldBe listOf(Ev(null, "a\nb"))
        }
        test("a CRLF split by an empty chunk is still one line end") {
            decode("data: a\r", "", "\ndata: b\n\n") shouldBe listOf(Ev(null, "a\nb"))
        }
        test("a CR ending a chunk is a line end on its own when no LF follows") {
            decode("data: a\r", "data: b\r\r") shouldBe listOf(Ev(null, "a\nb"))
        }
        test("a blank CR line ending a chunk dispatches, and the LF of its CRLF is not a second blank line") {
            decode("event: x\ndata: a\n\r", "\nevent: y\ndata: b\n\n") shouldBe listOf(Ev("x", "a"), Ev("y", "b"))
        }
    }

    context("data") {
        test("several data lines join with LF") {
            decode("data: a\ndata: b\ndata: c\n\n") shouldBe listOf(Ev(null, "a\nb\nc"))
        }
        test("an empty data line dispatches the empty string") {
            decode("data:\n\n") shouldBe listOf(Ev(null, ""))
            decode("data: \n\n") shouldBe listOf(Ev(null, ""))
        }
        test("empty data lines between others are kept as empty lines") {
            decode("data: a\ndata:\ndata: b\n\n") shouldBe listOf(Ev(null, "a\n\nb"))
        }
        test("a value keeps its own colons") {
            decode("data: {\"a\":\"b: c\"}\n\n") shouldBe listOf(Ev(null, "{\"a\":\"b: c\"}"))
        }
        test("JSON with escaped line breaks stays one line") {
            decode("data: {\"content\":\"one\\ntwo\"}\n\n") shouldBe listOf(Ev(null, "{\"content\":\"one\\ntwo\"}"))
        }
    }

    context("fields") {
        test("a comment line is ignored, between data lines too") {
            decode(": keep-alive\ndata: a\n:\ndata: b\n: another\n\n") shouldBe listOf(Ev(null, "a\nb"))
        }
        test("a stream of only comments and blank lines dispatches nothing") {
            decode(": keep-alive\n\n: keep-alive\n\n\n\n").shouldBeEmpty()
        }
        test("a field with no colon takes the whole line as its name and an empty value") {
            decode("data\n\n") shouldBe listOf(Ev(null, ""))
            decode("data\ndata\n\n") shouldBe listOf(Ev(null, "\n"))
            decode("event\ndata: x\n\n") shouldBe listOf(Ev("", "x"))
        }
        test("one optional space after the colon is stripped, and only one") {
            decode("data:a\n\n") shouldBe listOf(Ev(null, "a"))
            decode("data: a\n\n") shouldBe listOf(Ev(null, "a"))
            decode("data:  a\n\n") shouldBe listOf(Ev(null, " a"))
            decode("data:\ta\n\n") shouldBe listOf(Ev(null, "\ta"))
            decode("event:  e\ndata: a \n\n") shouldBe listOf(Ev(" e", "a "))
        }
        test("field names are case-sensitive and must match whole") {
            decode("Data: a\ndata : b\ndatas: c\ndata: d\n\n") shouldBe listOf(Ev(null, "d"))
        }
        test("retry and unknown fields are ignored") {
            decode("retry: 1000\nfoo: bar\ndata: x\nretry\n\n") shouldBe listOf(Ev(null, "x"))
        }
        test("the event name belongs to its event and resets after dispatch") {
            decode("event: text_delta\ndata: a\n\ndata: b\n\n") shouldBe listOf(Ev("text_delta", "a"), Ev(null, "b"))
        }
        test("the last event name line wins") {
            decode("event: a\nevent: b\ndata: x\n\n") shouldBe listOf(Ev("b", "x"))
        }
        test("a blank line without data dispatches nothing but resets the event name") {
            decode("event: a\n\ndata: x\n\n") shouldBe listOf(Ev(null, "x"))
        }
        test("an id is kept for later events until a new one replaces it") {
            decode("id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n") shouldBe
                listOf(Ev(null, "a", "1"), Ev(null, "b", "1"), Ev(null, "c", "2"))
        }
        test("an id without data still sets the last id") {
            decode("id: 7\n\ndata: a\n\n") shouldBe listOf(Ev(null, "a", "7"))
        }
        test("an empty id resets the last id to empty") {
            decode("id: 1\ndata: a\n\nid\ndata: b\n\n") shouldBe listOf(Ev(null, "a", "1"), Ev(null, "b", ""))
        }
        test("an id containing NUL is ignored") {
            decode("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n") shouldBe listOf(Ev(null, "a", "1"), Ev(null, "b", "1"))
        }
        test("event names and ids are UTF-8") {
            decode("event: événement\nid: ид\ndata: x\n\n") shouldBe listOf(Ev("événement", "x", "ид"))
        }
        test("a repeated event name is decoded once and shared") {
            val frames = SseDecoder().run {
                feed("event: text_delta\ndata: a\n\nevent: text_delta\ndata: b\n\n".toByteArray())
                listOf(next()!!, next()!!)
            }
            frames[1].event shouldBe "text_delta"
            frames[1].event shouldBeSameInstanceAs frames[0].event
        }
        test("more distinct event names than the decoder keeps are all still read right") {
            val names = (1..40).map { "type_$it" } + (1..40).map { "type_$it" }
            val stream = names.joinToString("") { "event: $it\ndata: x\n\n" }
            decode(stream).map { it.event } shouldBe names
        }
    }

    context("the start and the end of the stream") {
        test("a leading UTF-8 BOM is skipped") {
            decodeBytes(BOM + "data: a\n\n".toByteArray()) shouldBe listOf(Ev(null, "a"))
        }
        test("a leading BOM split across chunks is skipped") {
            decodeBytes(*oneByteAtATime(BOM + "data: a\n\n".toByteArray()).toTypedArray()) shouldBe listOf(Ev(null, "a"))
            decodeBytes(bytes(0xEF, 0xBB), bytes(0xBF) + "data: a\n\n".toByteArray()) shouldBe listOf(Ev(null, "a"))
        }
        test("only one BOM is skipped: a second one is part of the first field's name") {
            decodeBytes(BOM + BOM + "data: a\n\ndata: b\n\n".toByteArray()) shouldBe listOf(Ev(null, "b"))
        }
        test("bytes that begin like a BOM but are not one stay part of the line") {
            decodeBytes(bytes(0xEF), bytes(0xBB), "data: a\n\ndata: b\n\n".toByteArray()) shouldBe listOf(Ev(null, "b"))
        }
        test("a BOM character inside data is content") {
            decode("data: \uFEFFx\n\n") shouldBe listOf(Ev(null, "\uFEFFx"))
        }
        test("an event without its blank line is not dispatched") {
            decode("data: a\n\ndata: b\n") shouldBe listOf(Ev(null, "a"))
            decode("data: a").shouldBeEmpty()
        }
        test("an empty stream and empty chunks dispatch nothing") {
            decode().shouldBeEmpty()
            decode("", "", "").shouldBeEmpty()
        }
    }

    context("data: [DONE]") {
        test("is an ordinary event to the framing: what it means is the turn stage's") {
            decode("data: a\n\ndata: [DONE]\n\ndata: b\n\n") shouldBe listOf(Ev(null, "a"), Ev(null, "[DONE]"), Ev(null, "b"))
        }
    }

    context("chunk boundaries") {
        val stream = "event: text_delta\r\nid: 42\r\ndata: {\"content\":\"é€😀\"}\r\n: keep-alive\r\ndata: second line\r\n\r\n" +
            "event: stop\rdata: done\r\r"
        val expected = listOf(Ev("text_delta", "{\"content\":\"é€😀\"}\nsecond line", "42"), Ev("stop", "done", "42"))

        test("cutting the stream anywhere gives the same events") {
            for (parts in splits(stream.toByteArray())) SseDecoder().decodeAll(parts) shouldBe expected
        }
        test("one byte at a time gives the same events") {
            SseDecoder().decodeAll(oneByteAtATime(stream.toByteArray())) shouldBe expected
        }
        test("a multi-byte character split at every boundary decodes whole") {
            for (text in listOf("é", "€", "😀", "aé€😀z")) {
                val frame = "event: $text\ndata: $text\n\n".toByteArray()
                for (parts in splits(frame)) SseDecoder().decodeAll(parts) shouldBe listOf(Ev(text, text))
                SseDecoder().decodeAll(oneByteAtATime(frame)) shouldBe listOf(Ev(text, text))
            }
        }
        test("many events in one chunk all come out, in order") {
            val many = (1..500).joinToString("") { "event: text_delta\ndata: {\"content\":\"$it\"}\n\n" }
            val frames = decode(many)
            frames shouldHaveSize 500
            frames.map { it.data } shouldBe (1..500).map { "{\"content\":\"$it\"}" }
        }
        test("feed honours offset and length") {
            val decoder = SseDecoder()
            val buffer = "xxdata: a\n\nyy".toByteArray()
            decoder.feed(buffer, 2, buffer.size - 4)
            decoder.next()!!.ev() shouldBe Ev(null, "a")
            decoder.next().shouldBeNull()
        }
        test("the caller may reuse its buffer once next returns null") {
            val decoder = SseDecoder()
            val buffer = ByteArray(8)
            val out = ArrayList<Ev>()
            val bytes = "data: first line\n\ndata: second\n\n".toByteArray()
            var pos = 0
            while (pos < bytes.size) {
                val n = minOf(buffer.size, bytes.size - pos)
                bytes.copyInto(buffer, 0, pos, pos + n)
                pos += n
                decoder.feed(buffer, 0, n)
                while (true) out += (decoder.next() ?: break).ev()
                buffer.fill('#'.code.toByte())
            }
            out shouldBe listOf(Ev(null, "first line"), Ev(null, "second"))
        }
    }

    context("limits") {
        test("an event over maxEventBytes fails with SseLimitException") {
            val e = shouldThrow<SseLimitException> { decode("data: " + "x".repeat(101) + "\n\n", maxEventBytes = 100) }
            e.limitBytes shouldBe 100
        }
        test("an event of exactly maxEventBytes is accepted") {
            decode("data: " + "x".repeat(100) + "\n\n", maxEventBytes = 100) shouldBe listOf(Ev(null, "x".repeat(100)))
            decode("data: " + "x".repeat(49) + "\ndata: " + "y".repeat(50) + "\n\n", maxEventBytes = 100) shouldHaveSize 1
        }
        test("data lines that together exceed the limit fail, counting their joining line ends") {
            shouldThrow<SseLimitException> {
                decode("data: " + "x".repeat(50) + "\ndata: " + "y".repeat(50) + "\n\n", maxEventBytes = 100)
            }
        }
        test("an event over the limit fails even when it arrives one byte at a time") {
            shouldThrow<SseLimitException> {
                SseDecoder(100).decodeAll(oneByteAtATime(("data: " + "x".repeat(101) + "\n\n").toByteArray()))
            }
        }
        test("the limit is per event, not per stream") {
            val stream = (1..50).joinToString("") { "data: " + "x".repeat(90) + "\n\n" }
            decode(stream, maxEventBytes = 100) shouldHaveSize 50
        }
        test("a line that never ends fails instead of growing without bound") {
            val decoder = SseDecoder(1000)
            decoder.feed(": keep-alive that never ends ".toByteArray())
            decoder.next().shouldBeNull()
            shouldThrow<SseLimitException> {
                repeat(1000) {
                    decoder.feed("x".repeat(100).toByteArray())
                    decoder.next()
                }
            }
        }
        test("maxEventBytes must be positive") {
            shouldThrow<IllegalArgumentException> { SseDecoder(0) }
        }
    }

    context("usage errors") {
        test("feeding before the previous chunk is used up fails") {
            val decoder = SseDecoder()
            decoder.feed("data: a\n\ndata: b\n\n".toByteArray())
            decoder.next()
            shouldThrow<IllegalStateException> { decoder.feed("data: c\n\n".toByteArray()) }
        }
        test("a range outside the array is rejected") {
            shouldThrow<IllegalArgumentException> { SseDecoder().feed(ByteArray(4), 2, 3) }
            shouldThrow<IllegalArgumentException> { SseDecoder().feed(ByteArray(4), -1, 1) }
        }
    }

    context("properties: what the encoder writes, the decoder reads back, however it is cut") {
        val iterations = 500

        test("any events, any line end, cut at random places or byte by byte, decode to the same frames") {
            checkAll(iterations, arbSseCases, Arb.enum<SseEncoder.LineEnd>(), Arb.long()) { cases, lineEnd, seed ->
                val bytes = cases.joinToString("") { SseEncoder.encode(it.data, it.event, it.id, lineEnd) }.toByteArray()
                SseDecoder().decodeAll(Random(seed).cut(bytes)) shouldBe expectedFrames(cases)
            }
        }

        test("comments interleaved between any lines change nothing") {
            checkAll(iterations, arbSseCases, Arb.enum<SseEncoder.LineEnd>(), Arb.long()) { cases, lineEnd, seed ->
                val random = Random(seed)
                val stream = StringBuilder()
                for (case in cases) {
                    // The encoder's lines hold no line breaks of their own, so its line end splits them exactly.
                    val lines = SseEncoder.encode(case.data, case.event, case.id, lineEnd).split(lineEnd.text).dropLast(1)
                    for (line in lines) {
                        while (random.nextInt(3) == 0) {
                            stream.append(SseEncoder.comment(random.sseText(10, lineBreaks = false), lineEnd))
                        }
                        stream.append(line).append(lineEnd.text)
                    }
                }
                if (random.nextBoolean()) stream.append(SseEncoder.comment("keep-alive", lineEnd))
                SseDecoder().decodeAll(random.cut(stream.toString().toByteArray())) shouldBe expectedFrames(cases)
            }
        }
    }
})

package dev.llamachat.benchmarks.wire

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.io.ByteArrayInputStream
import java.io.EOFException
import java.io.IOException

class ChunkedInputStreamSpec : FunSpec({
    fun chunked(vararg chunks: String, trailer: String = ""): ByteArrayInputStream {
        val body = chunks.joinToString("") { "${Integer.toHexString(it.toByteArray().size)}\r\n$it\r\n" } + "0\r\n$trailer\r\n"
        return ByteArrayInputStream(body.toByteArray())
    }

    context("removing the chunked framing") {
        test("joins chunks that split lines anywhere") {
            val raw = chunked("data: {\"a\"", ":1}\n\nda", "ta: x\n\n")
            ChunkedInputStream(raw).readBytes().decodeToString() shouldBe "data: {\"a\":1}\n\ndata: x\n\n"
        }

        test("ends at the zero chunk and leaves what follows for the next response") {
            val raw = ByteArrayInputStream(("5\r\nhello\r\n0\r\n\r\nHTTP/1.1 200 OK").toByteArray())
            ChunkedInputStream(raw).readBytes().decodeToString() shouldBe "hello"
            raw.readBytes().decodeToString() shouldBe "HTTP/1.1 200 OK"
        }

        test("accepts upper-case sizes, extensions and trailers") {
            val body = "A;name=value\r\n0123456789\r\n0\r\nx-trailer: 1\r\n\r\n"
            ChunkedInputStream(ByteArrayInputStream(body.toByteArray())).readBytes().decodeToString() shouldBe "0123456789"
        }

        test("hands over the chunks at hand in one read, and never waits once it has bytes") {
            val stream = ChunkedInputStream(chunked("data: a\n\n", "data: b\n\n", "data: c\n\n"))
            val buffer = ByteArray(100)
            stream.read(buffer, 0, buffer.size) shouldBe 27
            stream.read(buffer, 0, buffer.size) shouldBe -1
        }

        test("reads one byte at a time as well") {
            val stream = ChunkedInputStream(chunked("ab", "c"))
            generateSequence { stream.read().takeIf { it >= 0 } }.map { it.toChar() }.joinToString("") shouldBe "abc"
        }
    }

    context("broken framing") {
        test("a connection closed inside a chunk fails") {
            shouldThrow<EOFException> { ChunkedInputStream(ByteArrayInputStream("a\r\nabc".toByteArray())).readBytes() }
        }

        test("a bad size fails") {
            shouldThrow<IOException> { ChunkedInputStream(ByteArrayInputStream("zz\r\n".toByteArray())).readBytes() }
        }
    }
})

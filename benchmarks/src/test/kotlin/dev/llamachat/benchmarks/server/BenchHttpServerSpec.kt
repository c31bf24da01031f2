package dev.llamachat.benchmarks.server

import dev.llamachat.ChatEvent
import dev.llamachat.internal.decodeChatEventBytes
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.ByteArrayOutputStream
import java.io.InputStream
import java.net.Socket

/** The wire the benchmarks stand on: one HTTP chunk per SSE event, or one Content-Length body; keep-alive. */
class BenchHttpServerSpec : FunSpec({
    val server = BenchHttpServer("key")
    afterSpec { server.close() }

    fun post(socket: Socket, prompt: String, key: String = "key") {
        val body = """{"prompt":"$prompt","index_ids":[]}""".toByteArray()
        val head = "POST /api/v1/chat/s1/messages/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer $key\r\n" +
            "Content-Type: application/json\r\nContent-Length: ${body.size}\r\n\r\n"
        socket.getOutputStream().write(head.toByteArray() + body)
    }

    fun InputStream.line(): String {
        val out = ByteArrayOutputStream()
        while (true) {
            val c = read()
            if (c < 0 || c == '\n'.code) break
            if (c != '\r'.code) out.write(c)
        }
        return out.toString(Charsets.ISO_8859_1)
    }

    fun InputStream.head(): List<String> = generateSequence { line().takeIf { it.isNotEmpty() } }.toList()

    /** The chunks of one chunked body, each as sent. */
    fun InputStream.chunks(): List<ByteArray> {
        val chunks = ArrayList<ByteArray>()
        while (true) {
            val size = line().toInt(16)
            if (size == 0) {
                line()
                return chunks
            }
            chunks += readNBytes(size)
            line()
        }
    }

    test("a chunked turn sends each event in its own chunk (flushed one by one, or packed in blocks), and the connection carries the next turn") {
        Socket("127.0.0.1", server.baseUrl.substringAfterLast(':').toInt()).use { socket ->
            val input = socket.getInputStream().buffered()
            for (prompt in listOf("bench:20", "bench:20:blocks", "bench:20")) {
                post(socket, prompt)
                val head = input.head()
                head.first() shouldContain " 200 "
                head.any { it.equals("Transfer-Encoding: chunked", ignoreCase = true) } shouldBe true
                val chunks = input.chunks()
                chunks.size shouldBe 22 // 20 deltas, text, stop
                val events = chunks.map { chunk ->
                    val one = ArrayList<ChatEvent>()
                    runCatching { decodeChatEventBytes(chunk) { one += it } } // only the last chunk holds stop
                    one.single()
                }
                events.last().shouldBeInstanceOf<ChatEvent.Stop>()
                (events[20] as ChatEvent.Text).content shouldBe events.take(20).joinToString("") { (it as ChatEvent.TextDelta).content }
            }
        }
        server.connectionsSeen shouldBe 1
    }

    test("a :length turn is one Content-Length body; :notext leaves out the whole-answer text") {
        Socket("127.0.0.1", server.baseUrl.substringAfterLast(':').toInt()).use { socket ->
            val input = socket.getInputStream().buffered()
            post(socket, "bench:30:length:notext")
            val length = input.head().first { it.startsWith("Content-Length:", ignoreCase = true) }.substringAfter(':').trim().toInt()
            val events = ArrayList<ChatEvent>()
            decodeChatEventBytes(input.readNBytes(length)) { events += it } shouldBe 31
            events.count { it is ChatEvent.TextDelta } shouldBe 30
        }
    }

    test("a request without the key is refused") {
        Socket("127.0.0.1", server.baseUrl.substringAfterLast(':').toInt()).use { socket ->
            post(socket, "bench:1", key = "wrong")
            socket.getInputStream().buffered().head().first() shouldContain " 401 "
        }
    }
})

package dev.llamachat.testkit

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.IOException
import java.net.Socket
import java.time.Duration
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** How it is sent: socket policies, the delay before the head, the pause between events; combined with any body. */
class SocketPolicySpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())
    val http = TestHttp(server)
    afterEach { server.clearQueue() }

    context("disconnectAtStart") {
        test("closes the connection before any byte of a response, after reading the request") {
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart()), Endpoint.CREATE)
            val raw = rawExchange(server.port, "POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
            raw shouldBe ""
            server.requests.last().endpoint shouldBe Endpoint.CREATE
            server.requests.last().body shouldBe "{}"
            http.post("/api/v1/chat", "{}").status shouldBe 200
        }

        test("makes a JDK client fail with an IOException") {
            // A POST: the JDK client retries an idempotent GET once on its own.
            server.enqueue(ScriptedResponse.status(200).withSocketPolicy(SocketPolicy.disconnectAtStart()))
            shouldThrow<IOException> { http.post("/api/v1/chat", "{}") }
        }
    }

    context("noResponse") {
        test("sends nothing until the client leaves") {
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.noResponse()), Endpoint.LIST)
            Socket("127.0.0.1", server.port).use { socket ->
                socket.getOutputStream().write("GET /api/v1/chat HTTP/1.1\r\nHost: x\r\n\r\n".toByteArray())
                socket.soTimeout = 300
                shouldThrow<java.net.SocketTimeoutException> { socket.getInputStream().read() }
            }
            http.get("/api/v1/chat").status shouldBe 200
        }
    }

    context("endAfterEvents") {
        test("ends the response cleanly after K events, without stop, and closes the connection") {
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(3)), Endpoint.STREAM)
            val id = http.create()
            val response = http.stream(id, "What were the main findings in Q3?")
            response.status shouldBe 200
            response.header("connection") shouldBe "close"
            Sse(response.body).types shouldContainExactly listOf("thinking_delta", "thinking_delta", "thinking_delta")
            server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
            val summary = http.get("/api/v1/chat/$id/summary").json["job_metadata"]!!.jsonObject
            summary["is_error"]!!.jsonPrimitive.content shouldBe "true"
            summary["error"]!!.jsonPrimitive.content shouldContain "cut after 3 events"
        }

        test("applies to scripted streams too") {
            val events = List(5) { ChatEvent.TextDelta("t$it") } + ChatEvent.Stop(null, false, Usage(turns = 1))
            server.enqueue(ScriptedResponse.events(events).withSocketPolicy(SocketPolicy.endAfterEvents(2)))
            Sse(http.stream("any", "hello").body).types shouldContainExactly listOf("text_delta", "text_delta")
        }
    }

    context("disconnectAfterEvents") {
        test("drops the connection mid-body, after K events") {
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAfterEvents(2)), Endpoint.STREAM)
            val response = http.openStream(http.create(), "What were the main findings in Q3?")
            response.statusCode() shouldBe 200
            val reader = FrameReader(response.body())
            reader.next()!!.type shouldBe "thinking_delta"
            reader.next()!!.type shouldBe "thinking_delta"
            shouldThrow<IOException> { reader.next() }
            server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
        }
    }

    context("disconnectAfterBytes") {
        test("drops the connection after exactly N body bytes, mid-event") {
            val frame = SseFrames.event(ChatEvent.TextDelta("hello"))
            server.enqueue(ScriptedResponse.stream(listOf(frame, frame)).withSocketPolicy(SocketPolicy.disconnectAfterBytes(frame.size + 5L)))
            val raw = rawExchange(server.port, "GET /api/v1/chat HTTP/1.1\r\nHost: x\r\n\r\n")
            raw shouldContain "200 OK"
            // The body is chunked: the whole first frame, then 5 bytes of the second, then the connection ends.
            raw shouldContain String(frame)
            raw.endsWith(String(frame).substring(0, 5) + "\r\n") shouldBe true
        }

        test("cuts a fixed body short of its Content-Length") {
            server.enqueue(ScriptedResponse.status(200).withBody("application/json", """{"session_id":"abc"}""").withSocketPolicy(SocketPolicy.disconnectAfterBytes(5)))
            val raw = rawExchange(server.port, "GET /api/v1/chat HTTP/1.1\r\nHost: x\r\n\r\n")
            raw shouldContain "Content-Length: 20"
            raw.endsWith("\r\n\r\n{\"ses") shouldBe true
        }
    }

    context("stallAfterEvents") {
        test("sends K events, then nothing, until the client leaves; the turn then ends") {
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(2)), Endpoint.STREAM)
            val id = http.create()
            val response = http.openStream(id, "bench:10")
            val reader = FrameReader(response.body())
            reader.next()!!.type shouldBe "text_delta"
            reader.next()!!.type shouldBe "text_delta"
            server.runningTurns shouldBe 1
            reader.close()
            server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
            http.stream(id, "bench:1").status shouldBe 200
        }
    }

    context("delays") {
        test("withHeadDelay delays the answer, then serves the call normally") {
            server.enqueue(ScriptedResponse.serve().withHeadDelay(Duration.ofMillis(50)), Endpoint.LIST)
            http.get("/api/v1/chat").status shouldBe 200
        }

        test("withEventInterval paces the events of a stream without changing them") {
            server.enqueue(ScriptedResponse.serve().withEventInterval(Duration.ofMillis(5)), Endpoint.STREAM)
            val paced = http.stream(http.create(), "bench:6").body
            paced shouldBe http.stream(http.create(), "bench:6").body
        }

        test("refuse negative durations") {
            shouldThrow<IllegalArgumentException> { ScriptedResponse.serve().withHeadDelay(Duration.ofMillis(-1)) }
            shouldThrow<IllegalArgumentException> { ScriptedResponse.serve().withEventInterval(Duration.ofMillis(-1)) }
            shouldThrow<IllegalArgumentException> { SocketPolicy.endAfterEvents(-1) }
            shouldThrow<IllegalArgumentException> { SocketPolicy.disconnectAfterBytes(-1) }
        }
    }
})

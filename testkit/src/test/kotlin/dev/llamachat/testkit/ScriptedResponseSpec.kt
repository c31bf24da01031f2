package dev.llamachat.testkit

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.time.Duration
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** What is sent: statuses and bodies, scripted streams, inserted frames, failed turns, the queue and the dispatcher. */
class ScriptedResponseSpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())
    val http = TestHttp(server)
    afterEach {
        server.clearQueue()
        server.setDispatcher(Dispatcher.SERVE)
    }

    context("status") {
        test("answers the next call with the status, headers and the service's detail body") {
            server.enqueue(ScriptedResponse.status(429).withHeader("Retry-After", "2").withHeader("retry-after-ms", "1500"))
            val response = http.get("/api/v1/chat")
            response.status shouldBe 429
            response.header("retry-after") shouldBe "2"
            response.header("retry-after-ms") shouldBe "1500"
            response.header("content-type") shouldBe "application/json"
            response.json["detail"]!!.jsonPrimitive.content shouldBe "Too Many Requests"
            http.get("/api/v1/chat").status shouldBe 200
        }

        test("applies to exactly the next N calls of its endpoint only") {
            server.enqueue(ScriptedResponse.status(503).withHeader("x-should-retry", "true"), Endpoint.CREATE, times = 2)
            http.get("/api/v1/chat").status shouldBe 200
            val first = http.post("/api/v1/chat", "{}")
            first.status shouldBe 503
            first.header("x-should-retry") shouldBe "true"
            http.post("/api/v1/chat", "{}").status shouldBe 503
            http.post("/api/v1/chat", "{}").status shouldBe 200
        }

        test("withBody sends exactly the given bytes and content type; a Content-Type header replaces it") {
            server.enqueue(ScriptedResponse.status(500).withBody("text/plain", "boom"))
            val plain = http.get("/api/v1/chat")
            plain.status shouldBe 500
            plain.body shouldBe "boom"
            plain.header("content-type") shouldBe "text/plain"

            val bytes = "<html>bad gateway</html>".toByteArray()
            server.enqueue(ScriptedResponse.status(200).withBody("text/plain", bytes).withHeader("Content-Type", "text/html; charset=weird"), Endpoint.STREAM)
            val html = http.stream(http.create(), "hello")
            html.status shouldBe 200
            html.header("content-type") shouldBe "text/html; charset=weird"
            html.body shouldBe "<html>bad gateway</html>"
        }

        test("is sent before the API key is checked") {
            LocalLlamaCloud.builder().apiKey("k").start().use { secured ->
                secured.enqueue(ScriptedResponse.status(502))
                TestHttp(secured, apiKey = null).get("/api/v1/chat").status shouldBe 502
                TestHttp(secured, apiKey = null).get("/api/v1/chat").status shouldBe 401
            }
        }
    }

    context("scripted streams") {
        test("events sends the given events as the service encodes them, whatever the request") {
            val stop = ChatEvent.Stop(null, false, Usage(turns = 1))
            server.enqueue(ScriptedResponse.events(listOf(ChatEvent.TextDelta("hi"), ChatEvent.Text("hi"), stop)), Endpoint.STREAM)
            val response = http.stream("no-such-session", "anything")
            response.status shouldBe 200
            response.header("content-type") shouldBe "text/event-stream"
            Sse(response.body).types shouldContainExactly listOf("text_delta", "text", "stop")
            server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
        }

        test("stream sends raw frames, and a Content-Length header replaces chunked encoding") {
            val frames = listOf(SseFrames.comment("hello"), SseFrames.frame("text_delta", """{"type":"text_delta","content":"a"}"""))
            val length = frames.sumOf { it.size }
            server.enqueue(ScriptedResponse.stream(frames).withHeader("Content-Length", length.toString()), Endpoint.STREAM)
            val response = http.stream(http.create(), "hello")
            response.header("content-length") shouldBe length.toString()
            response.body shouldBe ":hello\n\nevent: text_delta\ndata: {\"type\":\"text_delta\",\"content\":\"a\"}\n\n"
        }
    }

    context("withFrameAfter") {
        test("inserts a frame after K events of the server's own turn, which then goes on") {
            server.enqueue(ScriptedResponse.serve().withFrameAfter(1, SseFrames.frame(null, "{\"type\":\"text_delta\",")), Endpoint.STREAM)
            val sse = Sse(http.stream(http.create(), "bench:3").body)
            sse.frames.map { it.data.startsWith("{\"type\":\"text_delta\",\"content\"") } shouldContainExactly
                listOf(true, false, true, true, false, false)
            sse.frames[1].data shouldBe "{\"type\":\"text_delta\","
            sse.frames[1].event shouldBe null
            sse.types.last() shouldBe "stop"
        }

        test("inserts frames in the order added, and past the end before the stream ends") {
            val response = ScriptedResponse.serve()
                .withFrameAfter(2, SseFrames.frame("citation", """{"type":"citation"}"""))
                .withFrameAfter(2, SseFrames.frame("second", """{"type":"second"}"""))
                .withFrameAfter(99, SseFrames.frame("late", """{"type":"late"}"""))
            server.enqueue(response, Endpoint.STREAM)
            val sse = Sse(http.stream(http.create(), "bench:3").body)
            sse.types shouldContainExactly listOf("text_delta", "text_delta", "citation", "second", "text_delta", "text", "stop", "late")
        }

        test("inserts into scripted streams too") {
            val stop = ChatEvent.Stop(null, false, Usage(turns = 1))
            server.enqueue(ScriptedResponse.events(listOf(ChatEvent.TextDelta("a"), stop)).withFrameAfter(0, SseFrames.frame("x", "{}")))
            Sse(http.stream(http.create(), "hello").body).types shouldContainExactly listOf("x", "text_delta", "stop")
        }

        test("is refused where it cannot apply, as are other impossible scripts") {
            shouldThrow<IllegalStateException> { ScriptedResponse.status(500).withFrameAfter(0, SseFrames.comment("x")) }
            shouldThrow<IllegalStateException> { ScriptedResponse.serve().withBody("text/plain", "x") }
            shouldThrow<IllegalStateException> { ScriptedResponse.status(500).withTurnFailureAfter(0, "x") }
            shouldThrow<IllegalArgumentException> { ScriptedResponse.status(99) }
            shouldThrow<IllegalArgumentException> { ScriptedResponse.status(200).withHeader("Bad Name", "x") }
            shouldThrow<IllegalArgumentException> { ScriptedResponse.status(200).withHeader("X", "a\r\nb") }
            shouldThrow<IllegalArgumentException> { server.enqueue(ScriptedResponse.status(500), times = 0) }
        }
    }

    context("withTurnFailureAfter") {
        test("ends the turn with a stop that is an error, and the history records it") {
            server.enqueue(ScriptedResponse.serve().withTurnFailureAfter(2, "model overloaded"), Endpoint.STREAM)
            val id = http.create()
            val sse = Sse(http.stream(id, "bench:5").body)
            sse.types shouldContainExactly listOf("text_delta", "text_delta", "stop")
            val stop = sse.frames.last().json
            stop["is_error"]!!.jsonPrimitive.content shouldBe "true"
            stop["error"]!!.jsonPrimitive.content shouldBe "model overloaded"
            val metadata = http.get("/api/v1/chat/$id/summary").json["job_metadata"]!!.jsonObject
            metadata["error"]!!.jsonPrimitive.content shouldBe "model overloaded"
        }
    }

    context("the queue") {
        test("applies one response per call, first queued first") {
            server.enqueue(ScriptedResponse.status(500))
            server.enqueue(ScriptedResponse.status(503))
            http.get("/api/v1/chat").status shouldBe 500
            http.get("/api/v1/chat").status shouldBe 503
            http.get("/api/v1/chat").status shouldBe 200
        }

        test("is emptied by clearQueue") {
            server.enqueue(ScriptedResponse.status(500), times = 5)
            server.clearQueue()
            http.get("/api/v1/chat").status shouldBe 200
        }

        test("is used up by a call even when the server refuses it") {
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(1)), Endpoint.STREAM)
            http.stream("ses-missing", "hello").status shouldBe 404
            Sse(http.stream(http.create(), "bench:2").body).types shouldContainExactly listOf("text_delta", "text_delta", "text", "stop")
        }
    }

    context("the dispatcher") {
        test("answers every call nothing queued matches, with the recorded request in hand") {
            val seen = AtomicInteger()
            server.setDispatcher { request ->
                seen.incrementAndGet()
                if (request.endpoint == Endpoint.SUMMARY) ScriptedResponse.status(418).withBody("text/plain", request.sessionId!!) else ScriptedResponse.serve()
            }
            server.enqueue(ScriptedResponse.status(500), Endpoint.SUMMARY)
            http.get("/api/v1/chat/s1/summary").status shouldBe 500
            val teapot = http.get("/api/v1/chat/s2/summary")
            teapot.status shouldBe 418
            teapot.body shouldBe "s2"
            http.get("/api/v1/chat").status shouldBe 200
            seen.get() shouldBe 2
        }

        test("a dispatcher that throws gets a 500 naming the failure") {
            server.setDispatcher { throw IllegalStateException("no script for this") }
            val response = http.get("/api/v1/chat")
            response.status shouldBe 500
            response.body shouldContain "no script for this"
        }
    }

    context("recorded requests") {
        test("keep method, raw path, decoded query, lower-case headers, body and endpoint, in order") {
            LocalLlamaCloud.builder().apiKey("sk-recorded").start().use { secured ->
                val client = TestHttp(secured)
                val id = client.create()
                client.stream(id, "hello", query = "?x=a%20b&y=1")
                client.get("/api/v1/chat/$id%2Fx/summary")
                secured.takeRequest()!!.endpoint shouldBe Endpoint.CREATE
                val stream = secured.takeRequest()!!
                stream.method shouldBe "POST"
                stream.path shouldBe "/api/v1/chat/$id/messages/stream"
                stream.endpoint shouldBe Endpoint.STREAM
                stream.sessionId shouldBe id
                stream.query["x"] shouldBe listOf("a b")
                stream.header("Authorization") shouldBe "Bearer sk-recorded"
                stream.headers.keys.all { it == it.lowercase() } shouldBe true
                stream.body shouldBe TestHttp.streamBody("hello", listOf("idx-demo"))
                stream.toString() shouldContain "<redacted>"
                (stream.toString().contains("sk-recorded")) shouldBe false
                val encoded = secured.takeRequest()!!
                encoded.path shouldBe "/api/v1/chat/$id%2Fx/summary"
                encoded.sessionId shouldBe "$id/x"
                secured.takeRequest(Duration.ZERO) shouldBe null
                secured.requests.size shouldBe 3
                secured.clearRequests()
                secured.requests shouldBe emptyList()
            }
        }

        test("takeRequest waits for a request that has not arrived yet") {
            LocalLlamaCloud.start().use { fresh ->
                val sender = Thread { TestHttp(fresh).get("/api/v1/chat") }
                sender.start()
                fresh.takeRequest(Duration.ofSeconds(30))!!.endpoint shouldBe Endpoint.LIST
                sender.join()
            }
        }
    }
})

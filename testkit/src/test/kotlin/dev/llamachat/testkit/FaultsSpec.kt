package dev.llamachat.testkit

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.io.IOException
import java.time.Duration
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class FaultsSpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())
    val http = TestHttp(server)
    afterEach { server.clearFaults() }

    context("Status") {
        test("answers the next call with the status, headers and a default detail body") {
            server.enqueue(Fault.Status(429, mapOf("Retry-After" to "2", "retry-after-ms" to "1500")))
            val response = http.get("/api/v1/chat")
            response.status shouldBe 429
            response.header("retry-after") shouldBe "2"
            response.header("retry-after-ms") shouldBe "1500"
            response.header("content-type") shouldBe "application/json"
            response.json["detail"]!!.jsonPrimitive.content shouldBe "Too Many Requests"
            http.get("/api/v1/chat").status shouldBe 200
        }

        test("applies to exactly the next N calls of its endpoint only") {
            server.enqueue(Fault.Status(503, mapOf("x-should-retry" to "true")), Endpoint.CREATE, times = 2)
            http.get("/api/v1/chat").status shouldBe 200
            val first = http.post("/api/v1/chat", "{}")
            first.status shouldBe 503
            first.header("x-should-retry") shouldBe "true"
            http.post("/api/v1/chat", "{}").status shouldBe 503
            http.post("/api/v1/chat", "{}").status shouldBe 200
        }

        test("sends a given body and content type as they are") {
            server.enqueue(Fault.Status(500, mapOf("Content-Type" to "text/plain"), "boom"))
            val response = http.get("/api/v1/chat")
            response.status shouldBe 500
            response.body shouldBe "boom"
            response.header("content-type") shouldBe "text/plain"
        }

        test("is taken before the API key is checked") {
            val secured = LocalLlamaCloud.start(apiKey = "k")
            try {
                secured.enqueue(Fault.Status(502))
                TestHttp(secured, apiKey = null).get("/api/v1/chat").status shouldBe 502
                TestHttp(secured, apiKey = null).get("/api/v1/chat").status shouldBe 401
            } finally {
                secured.close()
            }
        }
    }

    context("Disconnect") {
        test("closes the connection before any byte of a response, after reading the request") {
            server.enqueue(Fault.Disconnect, Endpoint.CREATE)
            val raw = rawExchange(server.port, "POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
            raw shouldBe ""
            server.requests.last().endpoint shouldBe Endpoint.CREATE
            server.requests.last().body shouldBe "{}"
            http.post("/api/v1/chat", "{}").status shouldBe 200
        }

        test("makes a JDK client fail with an IOException") {
            // A POST: the JDK client retries an idempotent GET once on its own.
            server.enqueue(Fault.Disconnect)
            shouldThrow<IOException> { http.post("/api/v1/chat", "{}") }
        }
    }

    context("RawResponse") {
        test("sends exactly the given bytes, status and content type") {
            val bytes = "<html>bad gateway</html>".toByteArray()
            server.enqueue(Fault.RawResponse(200, "text/html; charset=weird", bytes, mapOf("x-extra" to "1")), Endpoint.STREAM)
            val response = http.stream(http.create(), "hello")
            response.status shouldBe 200
            response.header("content-type") shouldBe "text/html; charset=weird"
            response.header("x-extra") shouldBe "1"
            response.body shouldBe "<html>bad gateway</html>"
        }
    }

    context("stream faults") {
        test("CutAfter ends the response cleanly after K events, without stop, and closes the connection") {
            server.enqueue(Fault.CutAfter(3))
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

        test("CutAfter with abort drops the connection mid-body, after K events") {
            server.enqueue(Fault.CutAfter(2, abort = true))
            val response = http.openStream(http.create(), "What were the main findings in Q3?")
            response.statusCode() shouldBe 200
            val reader = FrameReader(response.body())
            reader.next()!!.type shouldBe "thinking_delta"
            reader.next()!!.type shouldBe "thinking_delta"
            shouldThrow<IOException> { reader.next() }
            server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
        }

        test("MalformedEvent inserts one event whose data is not JSON, then the turn goes on") {
            server.enqueue(Fault.MalformedEvent(afterEvents = 1))
            val sse = Sse(http.stream(http.create(), "bench:3").body)
            sse.frames.map { it.data.startsWith("{\"type\":\"text_delta\",\"content\"") } shouldContainExactly
                listOf(true, false, true, true, false, false)
            sse.frames[1].data shouldBe "{\"type\":\"text_delta\","
            sse.frames[1].event shouldBe null
            sse.types.last() shouldBe "stop"
        }

        test("UnknownEvent inserts an event of an unknown type, named in event: and JSON") {
            server.enqueue(Fault.UnknownEvent(afterEvents = 2, type = "citation"))
            val sse = Sse(http.stream(http.create(), "bench:3").body)
            sse.types shouldContainExactly listOf("text_delta", "text_delta", "citation", "text_delta", "text", "stop")
            sse.frames[2].event shouldBe "citation"
        }

        test("EventWithoutType inserts a copy of the next event without type, with or without its event name") {
            server.enqueue(Fault.EventWithoutType(afterEvents = 0, withEventName = true))
            val named = Sse(http.stream(http.create(), "bench:2").body)
            named.frames[0].event shouldBe "text_delta"
            named.frames[0].json.containsKey("type") shouldBe false
            named.frames[0].json["content"] shouldBe named.frames[1].json["content"]
            named.types.drop(1) shouldContainExactly listOf("text_delta", "text_delta", "text", "stop")

            server.enqueue(Fault.EventWithoutType(afterEvents = 3))
            val bare = Sse(http.stream(http.create(), "bench:2").body)
            bare.frames[3].event shouldBe null
            bare.frames[3].json.keys shouldBe setOf("error", "is_error", "usage")
        }

        test("EventWithoutType sends the given data") {
            server.enqueue(Fault.EventWithoutType(afterEvents = 0, data = """{"call_id":"c1","name":"n","arguments":{}}"""))
            Sse(http.stream(http.create(), "bench:1").body).frames[0].data shouldBe """{"call_id":"c1","name":"n","arguments":{}}"""
        }

        test("ErrorStop ends the turn with a stop that is an error") {
            server.enqueue(Fault.ErrorStop(afterEvents = 2, error = "model overloaded"))
            val id = http.create()
            val sse = Sse(http.stream(id, "bench:5").body)
            sse.types shouldContainExactly listOf("text_delta", "text_delta", "stop")
            val stop = sse.frames.last().json
            stop["is_error"]!!.jsonPrimitive.content shouldBe "true"
            stop["error"]!!.jsonPrimitive.content shouldBe "model overloaded"
            val metadata = http.get("/api/v1/chat/$id/summary").json["job_metadata"]!!.jsonObject
            metadata["error"]!!.jsonPrimitive.content shouldBe "model overloaded"
        }

        test("Stall sends K events, then nothing, until the client leaves; the turn then ends") {
            server.enqueue(Fault.Stall(afterEvents = 2))
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

        test("is not used up by a stream call the server refuses") {
            server.enqueue(Fault.CutAfter(1))
            http.stream("ses-missing", "hello").status shouldBe 404
            Sse(http.stream(http.create(), "bench:5").body).types shouldContainExactly listOf("text_delta")
        }

        test("cannot be aimed at an endpoint without streams") {
            shouldThrow<IllegalArgumentException> { server.enqueue(Fault.Stall(), Endpoint.LIST) }
            shouldThrow<IllegalArgumentException> { server.enqueue(Fault.Status(500), times = 0) }
        }
    }

    context("Delay") {
        test("delays the answer, then serves the call normally") {
            server.enqueue(Fault.Delay(beforeFirstByte = Duration.ofMillis(50)), Endpoint.LIST)
            http.get("/api/v1/chat").status shouldBe 200
        }

        test("paces the events of a stream without changing them") {
            server.enqueue(Fault.Delay(betweenEvents = Duration.ofMillis(5)))
            val paced = http.stream(http.create(), "bench:6").body
            paced shouldBe http.stream(http.create(), "bench:6").body
        }
    }

    context("faults in arming order") {
        test("apply one per call, first armed first") {
            server.enqueue(Fault.Status(500))
            server.enqueue(Fault.Status(503))
            http.get("/api/v1/chat").status shouldBe 500
            http.get("/api/v1/chat").status shouldBe 503
            http.get("/api/v1/chat").status shouldBe 200
        }

        test("are forgotten by clearFaults") {
            server.enqueue(Fault.Status(500), times = 5)
            server.clearFaults()
            http.get("/api/v1/chat").status shouldBe 200
        }
    }

    context("recorded requests") {
        test("keep method, raw path, decoded query, lower-case headers, body and endpoint, in order") {
            val secured = LocalLlamaCloud.start(apiKey = "sk-recorded")
            try {
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
                secured.takeRequest() shouldBe null
                secured.requests.size shouldBe 3
                secured.clearRequests()
                secured.requests shouldBe emptyList()
            } finally {
                secured.close()
            }
        }
    }
})

package dev.llamachat.testkit

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.IOException
import java.net.ServerSocket
import java.net.Socket
import java.net.http.HttpClient
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.Callable
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

class LifecycleSpec : FunSpec({
    context("a client that leaves mid-stream") {
        test("ends the turn at once, frees the session and records the turn as failed") {
            LocalLlamaCloud.start().use { server ->
                val http = TestHttp(server)
                // Thirty seconds between events: only noticing the disconnect can end this turn within the wait.
                server.enqueue(ScriptedResponse.serve().withEventInterval(Duration.ofSeconds(30)), Endpoint.STREAM)
                val id = http.create()
                val reader = FrameReader(http.openStream(id, "What were the main findings in Q3?").body())
                reader.next()!!.type shouldBe "thinking_delta"
                server.runningTurns shouldBe 1
                server.openStreams shouldBe 1
                reader.close()
                server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
                server.runningTurns shouldBe 0
                server.openStreams shouldBe 0
                val session = http.get("/api/v1/chat/$id").json
                session["events"]!!.jsonArray.map { it.jsonObject["type"]!!.jsonPrimitive.content } shouldContainExactly
                    listOf("user_input", "stop")
                val metadata = session["job_metadata"]!!.jsonObject
                metadata["is_error"]!!.jsonPrimitive.content shouldBe "true"
                metadata["error"]!!.jsonPrimitive.content shouldContain "disconnected"
                http.stream(id, "And Q4?").status shouldBe 200
            }
        }

        test("ends a stalled turn even when it leaves before the server started the call") {
            // Closed at once after sending: the engine often reads the close before the call starts (Ktor CIO
            // reports it to no one then). Rounds, since that order is up to the machine.
            LocalLlamaCloud.start().use { server ->
                val http = TestHttp(server)
                repeat(20) { round ->
                    server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(0)), Endpoint.STREAM)
                    val body = TestHttp.streamBody("bench:10", listOf("idx-demo"))
                    Socket("127.0.0.1", server.port).use { socket ->
                        socket.getOutputStream().write(("POST /api/v1/chat/${http.create()}/messages/stream HTTP/1.1\r\nHost: x\r\n" +
                            "Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n$body").toByteArray())
                    }
                    server.takeRequest(Duration.ofSeconds(10))?.endpoint shouldBe Endpoint.CREATE
                    server.takeRequest(Duration.ofSeconds(10))?.endpoint shouldBe Endpoint.STREAM
                    withClue("round $round") { server.awaitIdle(Duration.ofSeconds(10)) shouldBe true }
                }
            }
        }

        test("ends a bulk bench turn too") {
            LocalLlamaCloud.start().use { server ->
                val http = TestHttp(server)
                val response = http.openStream(http.create(), "bench:2000000")
                val input = response.body()
                input.readNBytes(100_000).size shouldBe 100_000
                input.close()
                server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
            }
        }
    }

    context("many clients at once") {
        test("get every turn whole, each on its own session") {
            LocalLlamaCloud.start().use { server ->
                val http = TestHttp(server)
                val agentTurns = (1..48).map { i ->
                    val id = http.create()
                    http.client.sendAsync(
                        http.request("POST", "/api/v1/chat/$id/messages/stream", TestHttp.streamBody("Q${i % 4 + 1} revenue?", listOf("idx-demo"))),
                        HttpResponse.BodyHandlers.ofString(),
                    )
                }
                // 5,000 events (about 325 KB) a bench turn: each is still written in many socket writes, interleaved
                // with the other 63 turns, which is what this test is about; more events would only take longer.
                val benchTurns = (1..16).map {
                    val id = http.create()
                    val client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    client.sendAsync(
                        http.request("POST", "/api/v1/chat/$id/messages/stream", TestHttp.streamBody("bench:5000", listOf("idx-demo"))),
                        HttpResponse.BodyHandlers.ofString(),
                    )
                }
                CompletableFuture.allOf(*(agentTurns + benchTurns).toTypedArray()).get(60, TimeUnit.SECONDS)
                for (future in agentTurns) {
                    val sse = Sse(future.get().body())
                    sse.types.last() shouldBe "stop"
                    sse.frames.single { it.type == "text" }.content shouldBe
                        sse.frames.filter { it.type == "text_delta" }.joinToString("") { it.content }
                }
                for (future in benchTurns) {
                    val sse = Sse(future.get().body())
                    sse.frames.size shouldBe 5_002
                    sse.types.last() shouldBe "stop"
                }
                server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
            }
        }

        test("create and list sessions from many threads without losing or repeating one") {
            LocalLlamaCloud.start().use { server ->
                val pool = Executors.newFixedThreadPool(8)
                try {
                    val created = (1..8).map {
                        pool.submit(Callable { val http = TestHttp(server); (1..40).map { http.create() } })
                    }.flatMap { it.get(60, TimeUnit.SECONDS) }
                    server.sessionCount() shouldBe 320
                    val listed = ArrayList<String>()
                    var token: String? = null
                    val http = TestHttp(server)
                    do {
                        val page = http.get("/api/v1/chat?page_size=33" + (token?.let { "&page_token=$it" } ?: "")).json
                        listed += page["items"]!!.jsonArray.map { it.jsonObject["session_id"]!!.jsonPrimitive.content }
                        token = page["next_page_token"]?.let { if (it is kotlinx.serialization.json.JsonNull) null else it.jsonPrimitive.content }
                    } while (token != null)
                    listed.size shouldBe 320
                    listed.toSet() shouldBe created.toSet()
                } finally {
                    pool.shutdownNow()
                }
            }
        }
    }

    context("clients that close after one request") {
        test("get whole streams over HTTP/1.1 with Connection: close and over HTTP/1.0") {
            LocalLlamaCloud.start().use { server ->
                val http = TestHttp(server)
                val id = http.create()
                val body = TestHttp.streamBody("bench:3", listOf("idx-demo"))
                for (version in listOf("HTTP/1.1", "HTTP/1.0")) {
                    val raw = rawExchange(server.port, "POST /api/v1/chat/$id/messages/stream $version\r\nHost: x\r\n" +
                        "Connection: close\r\nContent-Length: ${body.length}\r\n\r\n$body")
                    raw.substringBefore("\r\n") shouldContain "200"
                    val head = raw.substringBefore("\r\n\r\n")
                    val payload = raw.substringAfter("\r\n\r\n")
                    // HTTP/1.1 may frame the body in chunks; HTTP/1.0 ends it with the connection.
                    val body = if (head.contains("Transfer-Encoding: chunked", ignoreCase = true)) dechunk(payload) else payload
                    Sse(body).types shouldContainExactly
                        listOf("text_delta", "text_delta", "text_delta", "text", "stop")
                }
                server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
            }
        }
    }

    context("connections") {
        test("are counted once per client connection, however many requests it carries") {
            LocalLlamaCloud.start().use { server ->
                val first = TestHttp(server)
                repeat(5) { first.get("/api/v1/chat").status shouldBe 200 }
                server.connectionsSeen shouldBe 1
                val second = TestHttp(server)
                repeat(3) { second.get("/api/v1/chat") }
                server.connectionsSeen shouldBe 2
            }
        }
    }

    context("start and close") {
        test("start on a given port and free it on close") {
            val port = ServerSocket(0).use { it.localPort }
            val server = LocalLlamaCloud.builder().port(port).start()
            server.port shouldBe port
            server.baseUrl shouldBe "http://127.0.0.1:$port"
            server.url("/api/v1/chat") shouldBe "http://127.0.0.1:$port/api/v1/chat"
            server.url("api/v1/chat") shouldBe "http://127.0.0.1:$port/api/v1/chat"
            TestHttp(server).get("/api/v1/chat").status shouldBe 200
            server.close()
            server.close()
            ServerSocket(port).use { it.localPort shouldBe port }
        }

        test("close ends running turns and their connections") {
            val server = LocalLlamaCloud.start()
            val http = TestHttp(server)
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM)
            val reader = FrameReader(http.openStream(http.create(), "bench:10").body())
            reader.next()!!.type shouldBe "text_delta"
            server.close()
            // The body ends (or breaks) instead of hanging: the stall is over.
            try {
                reader.next() shouldBe null
            } catch (_: IOException) {
                // a dropped connection is as good as a closed body here
            }
            server.awaitIdle(Duration.ofSeconds(5)) shouldBe true
        }

        test("awaitNoRunningTurns is false when a turn does not end in time") {
            LocalLlamaCloud.start().use { server ->
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(0)), Endpoint.STREAM)
                val http = TestHttp(server)
                val reader = FrameReader(http.openStream(http.create(), "bench:10").body())
                server.runningTurns shouldBe 1
                server.awaitNoRunningTurns(Duration.ofMillis(100)) shouldBe false
                reader.close()
                server.awaitNoRunningTurns(Duration.ofSeconds(10)) shouldBe true
            }
        }

        test("refuses arguments that can never work") {
            shouldThrow<IllegalArgumentException> { LocalLlamaCloud.builder().port(70000).start() }
            shouldThrow<IllegalArgumentException> { LocalLlamaCloud.builder().tokenDelay(Duration.ofMillis(-1)).start() }
            shouldThrow<IllegalArgumentException> { LocalLlamaCloud.builder().keepAliveInterval(Duration.ZERO).start() }
        }

        test("never shows the API key in toString") {
            LocalLlamaCloud.builder().apiKey("sk-hidden").start().use { it.toString().contains("sk-hidden") shouldBe false }
        }
    }
})

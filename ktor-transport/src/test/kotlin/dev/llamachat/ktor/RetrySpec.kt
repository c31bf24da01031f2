package dev.llamachat.ktor

import dev.llamachat.ApiException
import dev.llamachat.ChatEvent
import dev.llamachat.ConflictException
import dev.llamachat.InternalServerException
import dev.llamachat.LlamaCloudIoException
import dev.llamachat.LlamaCloudTimeoutException
import dev.llamachat.RateLimitException
import dev.llamachat.StreamEndedBeforeStopException
import dev.llamachat.StreamException
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud.Companion.DEMO_INDEX
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.net.ServerSocket
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset
import java.util.UUID
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.flow.toList

/** The retry rules, one test each, with the waits recorded by a [RecordingSleeper] instead of made. */
class RetrySpec : FunSpec({
    val server = startServer()
    afterSpec { server.close() }
    beforeEach {
        server.clearRequests()
        server.clearQueue()
    }

    fun newProject() = UUID.randomUUID().toString()

    context("backoff") {
        test("waits 0.5 s, then 1 s, then gives up after maxRetries with the last error") {
            val sleeper = RecordingSleeper()
            testChat(server, sleeper).use { chat ->
                server.enqueue(ScriptedResponse.status(503), Endpoint.LIST, times = 3)
                val failure = shouldThrow<InternalServerException> { chat.listPage() }
                failure.message shouldContain "(after 2 retries)"
                server.requestsTo(Endpoint.LIST) shouldHaveSize 3
                sleeper.delays shouldBe listOf(500.milliseconds, 1.seconds)
            }
        }

        test("doubles up to 8 s, and succeeds once the server does") {
            val sleeper = RecordingSleeper()
            testChat(server, sleeper) { maxRetries = 7 }.use { chat ->
                server.enqueue(ScriptedResponse.status(500), Endpoint.LIST, times = 6)
                chat.listPage()
                sleeper.delays shouldBe listOf(0.5.seconds, 1.seconds, 2.seconds, 4.seconds, 8.seconds, 8.seconds)
            }
        }

        test("jitter shortens each wait by up to a quarter") {
            val sleeper = RecordingSleeper(jitter = 1.0)
            testChat(server, sleeper).use { chat ->
                server.enqueue(ScriptedResponse.status(502), Endpoint.LIST, times = 2)
                chat.listPage()
                sleeper.delays shouldBe listOf(375.milliseconds, 750.milliseconds)
            }
        }

        test("maxRetries = 0 never retries") {
            val sleeper = RecordingSleeper()
            testChat(server, sleeper) { maxRetries = 0 }.use { chat ->
                server.enqueue(ScriptedResponse.status(503), Endpoint.LIST)
                shouldThrow<InternalServerException> { chat.listPage() }
                server.requestsTo(Endpoint.LIST) shouldHaveSize 1
                sleeper.delays.shouldBeEmpty()
            }
        }
    }

    context("the server's wait") {
        test("retry-after-ms is honoured, before Retry-After") {
            val sleeper = RecordingSleeper()
            testChat(server, sleeper).use { chat ->
                server.enqueue(ScriptedResponse.status(429).withHeader("retry-after-ms", "1500").withHeader("Retry-After", "9"), Endpoint.LIST)
                chat.listPage()
                sleeper.delays shouldBe listOf(1500.milliseconds)
            }
        }

        test("Retry-After in seconds is honoured") {
            val sleeper = RecordingSleeper()
            testChat(server, sleeper).use { chat ->
                server.enqueue(ScriptedResponse.status(503).withHeader("Retry-After", "2"), Endpoint.LIST)
                chat.listPage()
                sleeper.delays shouldBe listOf(2.seconds)
            }
        }

        test("Retry-After as an HTTP date is honoured") {
            val now = Instant.parse("2026-03-01T10:00:00Z")
            val sleeper = RecordingSleeper(clock = Clock.fixed(now, ZoneOffset.UTC))
            testChat(server, sleeper).use { chat ->
                server.enqueue(ScriptedResponse.status(429).withHeader("Retry-After", "Sun, 01 Mar 2026 10:00:03 GMT"), Endpoint.LIST)
                chat.listPage()
                sleeper.delays shouldBe listOf(3.seconds)
            }
        }

        test("a wait longer than 60 s is not made: the computed backoff is used instead") {
            val sleeper = RecordingSleeper()
            testChat(server, sleeper).use { chat ->
                server.enqueue(ScriptedResponse.status(429).withHeader("Retry-After", "120"), Endpoint.LIST)
                chat.listPage()
                sleeper.delays shouldBe listOf(500.milliseconds)
            }
        }

        test("after the retries, a RateLimitException carries the server's wait") {
            testChat(server) { maxRetries = 0 }.use { chat ->
                server.enqueue(ScriptedResponse.status(429).withHeader("Retry-After", "120"), Endpoint.LIST)
                shouldThrow<RateLimitException> { chat.listPage() }.retryAfter shouldBe java.time.Duration.ofSeconds(120)
            }
        }

        test("x-should-retry: false stops a retry the status would allow") {
            val sleeper = RecordingSleeper()
            testChat(server, sleeper).use { chat ->
                server.enqueue(ScriptedResponse.status(503).withHeader("x-should-retry", "false"), Endpoint.LIST)
                shouldThrow<InternalServerException> { chat.listPage() }
                server.requestsTo(Endpoint.LIST) shouldHaveSize 1
            }
        }

        test("x-should-retry: true retries a status that is otherwise final") {
            val sleeper = RecordingSleeper()
            testChat(server, sleeper).use { chat ->
                server.enqueue(ScriptedResponse.status(400).withHeader("x-should-retry", "true"), Endpoint.LIST)
                chat.listPage()
                server.requestsTo(Endpoint.LIST) shouldHaveSize 2
            }
        }
    }

    context("which statuses") {
        for (status in listOf(408, 429, 500, 502, 503, 504)) {
            test("$status is retried") {
                testChat(server).use { chat ->
                    server.enqueue(ScriptedResponse.status(status), Endpoint.SUMMARY)
                    val session = chat.create()
                    chat.summary(session.sessionId).sessionId shouldBe session.sessionId
                    server.requestsTo(Endpoint.SUMMARY) shouldHaveSize 2
                }
            }
        }
        for (status in listOf(400, 401, 403, 404, 409, 422)) {
            test("$status is never retried") {
                testChat(server).use { chat ->
                    server.enqueue(ScriptedResponse.status(status), Endpoint.SUMMARY)
                    val session = chat.create()
                    shouldThrow<ApiException> { chat.summary(session.sessionId) }.status shouldBe status
                    server.requestsTo(Endpoint.SUMMARY) shouldHaveSize 1
                }
            }
        }
    }

    context("connection failures and timeouts") {
        test("a connection closed before the answer is retried") {
            testChat(server).use { chat ->
                val session = chat.create()
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart()), Endpoint.RETRIEVE)
                chat.retrieve(session.sessionId).sessionId shouldBe session.sessionId
                server.requestsTo(Endpoint.RETRIEVE) shouldHaveSize 2
            }
        }

        test("a refused connection is retried, and reported after the retries") {
            val sleeper = RecordingSleeper()
            val closedPort = ServerSocket(0).use { it.localPort }
            testChat("http://127.0.0.1:$closedPort", sleeper).use { chat ->
                shouldThrow<LlamaCloudIoException> { chat.listPage() }.message shouldContain "(after 2 retries)"
                sleeper.delays shouldBe listOf(500.milliseconds, 1.seconds)
            }
        }

        test("an idempotent call that timed out is retried") {
            val session = testChat(server).use { it.create() }
            // Generous, so that the retried call answers within it however busy the machine is.
            testChat(server) { requestTimeout = 2.seconds }.use { chat ->
                server.enqueue(ScriptedResponse.serve().withHeadDelay(java.time.Duration.ofSeconds(30)), Endpoint.SUMMARY)
                chat.summary(session.sessionId).sessionId shouldBe session.sessionId
                server.requestsTo(Endpoint.SUMMARY) shouldHaveSize 2
            }
        }
    }

    context("create is not idempotent") {
        for (status in listOf(408, 429, 503)) {
            test("it is retried on $status, where the server cannot have acted, and creates one session") {
                val project = newProject()
                testChat(server).use { chat ->
                    server.enqueue(ScriptedResponse.status(status), Endpoint.CREATE)
                    chat.create(projectId = project)
                    server.requestsTo(Endpoint.CREATE) shouldHaveSize 2
                    server.sessionCount(project) shouldBe 1
                }
            }
        }
        for (status in listOf(409, 500, 502, 504)) {
            test("it is not retried on $status") {
                testChat(server).use { chat ->
                    server.enqueue(ScriptedResponse.status(status), Endpoint.CREATE)
                    shouldThrow<ApiException> { chat.create() }.status shouldBe status
                    server.requestsTo(Endpoint.CREATE) shouldHaveSize 1
                }
            }
        }

        test("it is retried when the server says it is safe (x-should-retry: true)") {
            val project = newProject()
            testChat(server).use { chat ->
                server.enqueue(ScriptedResponse.status(500).withHeader("x-should-retry", "true"), Endpoint.CREATE)
                chat.create(projectId = project)
                server.sessionCount(project) shouldBe 1
            }
        }

        test("it is not retried when the connection broke after the request was sent") {
            testChat(server).use { chat ->
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart()), Endpoint.CREATE)
                shouldThrow<LlamaCloudIoException> { chat.create() }
                server.requestsTo(Endpoint.CREATE) shouldHaveSize 1
            }
        }

        test("it is retried when the connection could not be opened, since nothing was sent") {
            val sleeper = RecordingSleeper()
            val closedPort = ServerSocket(0).use { it.localPort }
            testChat("http://127.0.0.1:$closedPort", sleeper).use { chat ->
                shouldThrow<LlamaCloudIoException> { chat.create() }
                sleeper.delays shouldHaveSize 2
            }
        }

        test("it is not retried after a timeout") {
            testChat(server) { requestTimeout = 1.seconds }.use { chat ->
                server.enqueue(ScriptedResponse.serve().withHeadDelay(java.time.Duration.ofSeconds(30)), Endpoint.CREATE)
                shouldThrow<LlamaCloudTimeoutException> { chat.create() }
                server.awaitRequestsTo(Endpoint.CREATE) shouldHaveSize 1
            }
        }
    }

    context("streams") {
        test("a stream refused before its first byte is retried and then delivered whole") {
            val sleeper = RecordingSleeper()
            testChat(server, sleeper).use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                server.enqueue(ScriptedResponse.status(503), Endpoint.STREAM)
                val events = chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).toList()
                events.last().shouldBeInstanceOf<ChatEvent.Stop>()
                server.requestsTo(Endpoint.STREAM) shouldHaveSize 2
                sleeper.delays shouldBe listOf(500.milliseconds)
            }
        }

        test("a turn whose connection closed after the request was sent is not retried: the service may be running it") {
            testChat(server).use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart()), Endpoint.STREAM)
                shouldThrow<LlamaCloudIoException> { chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).toList() }
                server.requestsTo(Endpoint.STREAM) shouldHaveSize 1
            }
        }

        test("a turn whose connection could not be opened is retried, since nothing was sent") {
            val sleeper = RecordingSleeper()
            val closedPort = ServerSocket(0).use { it.localPort }
            testChat("http://127.0.0.1:$closedPort", sleeper).use { chat ->
                shouldThrow<LlamaCloudIoException> { chat.stream("ses-1", "Hi", emptyList()).toList() }
                sleeper.delays shouldHaveSize 2
            }
        }

        test("a turn refused with 409 because a turn is running is retried, and runs once") {
            testChat(server).use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                server.enqueue(ScriptedResponse.status(409).withBody("application/json", """{"detail":"A turn is already running on this session"}"""), Endpoint.STREAM)
                chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).toList().last().shouldBeInstanceOf<ChatEvent.Stop>()
                server.requestsTo(Endpoint.STREAM) shouldHaveSize 2
            }
        }

        test("a turn refused with 409 because its index ids differ from the session's is not retried") {
            val sleeper = RecordingSleeper()
            testChat(server, sleeper).use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                shouldThrow<ConflictException> { chat.stream(session.sessionId, "Hi", listOf("idx-other")).toList() }
                    .detail shouldContain "index"
                server.requestsTo(Endpoint.STREAM) shouldHaveSize 1
                sleeper.delays.shouldBeEmpty()
            }
        }

        test("a turn that timed out waiting for its head is not retried") {
            testChat(server) { requestTimeout = 1.seconds }.use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                server.enqueue(ScriptedResponse.serve().withHeadDelay(java.time.Duration.ofSeconds(30)), Endpoint.STREAM)
                shouldThrow<LlamaCloudTimeoutException> { chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).toList() }
                server.awaitRequestsTo(Endpoint.STREAM) shouldHaveSize 1
            }
        }

        test("a stream is never retried after an event reached the caller") {
            testChat(server).use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(3)), Endpoint.STREAM)
                shouldThrow<StreamEndedBeforeStopException> { chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).toList() }
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAfterEvents(1)), Endpoint.STREAM)
                shouldThrow<StreamException> { chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).toList() }
                server.requestsTo(Endpoint.STREAM) shouldHaveSize 2
            }
        }

        test("a stream is not retried once its response began, even before the first event") {
            testChat(server).use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(0)), Endpoint.STREAM)
                shouldThrow<StreamEndedBeforeStopException> { chat.stream(session.sessionId, "Hi", listOf(DEMO_INDEX)).toList() }
                    .eventsReceived shouldBe 0
                server.requestsTo(Endpoint.STREAM) shouldHaveSize 1
            }
        }
    }
})

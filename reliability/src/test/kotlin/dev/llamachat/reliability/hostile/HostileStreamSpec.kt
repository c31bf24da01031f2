package dev.llamachat.reliability.hostile

import dev.llamachat.ChatEvent
import dev.llamachat.EventTooLargeException
import dev.llamachat.InternalServerException
import dev.llamachat.MalformedEventException
import dev.llamachat.StreamEndedBeforeStopException
import dev.llamachat.StreamException
import dev.llamachat.StreamIdleTimeoutException
import dev.llamachat.StreamInterruptedException
import dev.llamachat.UnexpectedResponseException
import dev.llamachat.internal.SseDecoder
import dev.llamachat.reliability.HANG_GUARD
import dev.llamachat.reliability.RawHttpServer
import dev.llamachat.reliability.testChat
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.withTimeout

private const val DELTA_A = "event: text_delta\ndata: {\"type\":\"text_delta\",\"content\":\"a\"}\n\n"
private const val STOP = "event: stop\ndata: {\"type\":\"stop\",\"error\":null,\"is_error\":false,\"usage\":{\"turns\":1}}\n\n"
private val SSE_HEADERS = mapOf("Content-Type" to "text/event-stream")

/** Runs one turn against [baseUrl] under the hang guard; returns the events delivered and how the turn ended. */
private suspend fun turn(
    baseUrl: String,
    maxEventBytes: Int = SseDecoder.DEFAULT_MAX_EVENT_BYTES,
    maxRetries: Int = 0,
    onEvent: (ChatEvent) -> Unit = {},
): Pair<List<ChatEvent>, Throwable?> {
    val events = ArrayList<ChatEvent>()
    val chat = testChat(baseUrl) {
        this.maxEventBytes = maxEventBytes
        this.maxRetries = maxRetries
    }
    val failure = chat.use {
        try {
            withTimeout(HANG_GUARD) { it.stream("ses-1", "hello", listOf("idx-demo")).collect { e -> events += e; onEvent(e) } }
            null
        } catch (e: Exception) {
            if (e is kotlinx.coroutines.TimeoutCancellationException) throw AssertionError("the turn hung", e)
            e
        }
    }
    return events to failure
}

/** A testkit server that answers every call with [response]. */
private fun serving(response: ScriptedResponse): LocalLlamaCloud = LocalLlamaCloud.start().also { server -> server.setDispatcher { response } }

/** [unit] again and again, forever, counting the bytes handed out (at least what was written). */
private class Endless(private val unit: ByteArray, private val before: List<ByteArray> = emptyList()) : Iterable<ByteArray> {
    val handedOut = AtomicLong()

    override fun iterator(): Iterator<ByteArray> = (before.asSequence() + generateSequence { unit })
        .onEach { handedOut.addAndGet(it.size.toLong()) }
        .iterator()
}

private fun bytes(text: String): ByteArray = text.toByteArray(Charsets.UTF_8)

/**
 * Streams from servers that are broken or hostile, in a JVM with a 96 MB heap: each ends in a typed exception (or
 * a well-defined event), never a crash, a hang or an OutOfMemoryError, and the client stops reading after a
 * bounded number of bytes. The hostile answers are testkit scripted responses; only the TCP reset needs a raw
 * socket ([RawHttpServer]): Ktor's CIO engine cannot set SO_LINGER.
 */
class HostileStreamSpec : FunSpec({
    context("size limits") {
        test("an event larger than the limit fails with EventTooLargeException after a bounded read") {
            val line = "data: " + "x".repeat(1000) + "\n"
            // Data lines forever, never the blank line that ends the event.
            val body = Endless(bytes(line), listOf(bytes("event: text_delta\ndata: {\"type\":\"text_delta\",\"content\":\"ok\"}\n\n")))
            serving(ScriptedResponse.stream(body)).use { server ->
                val (events, failure) = turn(server.baseUrl)
                events shouldBe listOf(ChatEvent.TextDelta("ok"))
                val tooLarge = failure.shouldBeInstanceOf<EventTooLargeException>()
                tooLarge.limitBytes shouldBe SseDecoder.DEFAULT_MAX_EVENT_BYTES
                tooLarge.eventsReceived shouldBe 1
                // The limit plus what socket buffers hold: the client stopped reading, so the server cannot send more.
                server.awaitIdle(Duration.ofSeconds(30)).shouldBeTrue()
                body.handedOut.get() shouldBeLessThan 16L * 1024 * 1024
            }
        }
        test("the configured maxEventBytes is the limit") {
            val large = bytes("event: text_delta\ndata: {\"type\":\"text_delta\",\"content\":\"" + "y".repeat(5000) + "\"}\n\n")
            serving(ScriptedResponse.stream(listOf(large, bytes(STOP)))).use { server ->
                turn(server.baseUrl, maxEventBytes = 4096).second.shouldBeInstanceOf<EventTooLargeException>().limitBytes shouldBe 4096
                turn(server.baseUrl, maxEventBytes = 8192).second shouldBe null
            }
        }
        test("a data line that never ends fails with EventTooLargeException") {
            val body = Endless(bytes("z".repeat(8192)), listOf(bytes("data: {\"type\":\"text_delta\",\"content\":\"")))
            serving(ScriptedResponse.stream(body)).use { server ->
                turn(server.baseUrl).second.shouldBeInstanceOf<EventTooLargeException>()
                server.awaitIdle(Duration.ofSeconds(30)).shouldBeTrue()
                body.handedOut.get() shouldBeLessThan 16L * 1024 * 1024
            }
        }
        test("a comment line that never ends fails too: ignored lines are bounded like any other") {
            val body = Endless(bytes("keep-alive ".repeat(1000)), listOf(bytes(":")))
            serving(ScriptedResponse.stream(body)).use { server ->
                turn(server.baseUrl).second.shouldBeInstanceOf<EventTooLargeException>()
                server.awaitIdle(Duration.ofSeconds(30)).shouldBeTrue()
                body.handedOut.get() shouldBeLessThan 16L * 1024 * 1024
            }
        }
    }

    context("bytes that are not what they claim") {
        test("invalid UTF-8 inside a string becomes U+FFFD, as the SSE standard decodes, and the turn completes") {
            val event = bytes("event: text_delta\ndata: {\"type\":\"text_delta\",\"content\":\"a") +
                byteArrayOf(0xFF.toByte(), 0xC3.toByte(), 0x28) + bytes("b\"}\n\n")
            serving(ScriptedResponse.stream(listOf(event, bytes(STOP)))).use { server ->
                val (events, failure) = turn(server.baseUrl)
                failure shouldBe null
                events.first() shouldBe ChatEvent.TextDelta("a\uFFFD\uFFFD(b")
            }
        }
        test("invalid UTF-8 outside a string makes the JSON malformed: MalformedEventException") {
            val event = bytes("data: {\"type\":\"text_delta\",") + byteArrayOf(0xFE.toByte(), 0xFF.toByte()) + bytes("\"content\":\"x\"}\n\n")
            serving(ScriptedResponse.stream(listOf(event, bytes(STOP)))).use { server ->
                val malformed = turn(server.baseUrl).second.shouldBeInstanceOf<MalformedEventException>()
                malformed.position shouldBe 1
                malformed.rawData shouldContain "\uFFFD"
            }
        }
        test("a 200 whose body is not SSE and not labelled so fails with UnexpectedResponseException") {
            serving(ScriptedResponse.status(200).withBody("text/html; charset=utf-8", "<html><body><h1>Welcome to the hotel Wi-Fi</h1></body></html>")).use { server ->
                val unexpected = turn(server.baseUrl).second.shouldBeInstanceOf<UnexpectedResponseException>()
                unexpected.status shouldBe 200
                unexpected.contentType shouldBe "text/html; charset=utf-8"
            }
        }
        test("a body labelled text/event-stream that is not SSE ends before stop, with no event") {
            serving(ScriptedResponse.stream(listOf(bytes("<html>\n<body>502 Bad Gateway</body>\n</html>\n")))).use { server ->
                val (events, failure) = turn(server.baseUrl)
                events shouldHaveSize 0
                failure.shouldBeInstanceOf<StreamEndedBeforeStopException>().eventsReceived shouldBe 0
            }
        }
        test("binary garbage with no content type fails with UnexpectedResponseException") {
            serving(ScriptedResponse.status(200).withBody(null, ByteArray(4096) { (it * 31).toByte() })).use { server ->
                turn(server.baseUrl).second.shouldBeInstanceOf<UnexpectedResponseException>().contentType shouldBe null
            }
        }
        test("a text/event-stream reply with status 500 is an InternalServerException, not retried (the turn may have run)") {
            serving(ScriptedResponse.status(500).withBody("text/event-stream", "event: error\ndata: {\"detail\":\"upstream failed\"}\n\n")).use { server ->
                val error = turn(server.baseUrl, maxRetries = 2).second.shouldBeInstanceOf<InternalServerException>()
                error.status shouldBe 500
                error.message shouldContain "upstream failed"
                server.requests shouldHaveSize 1
            }
        }
        test("deeply nested JSON in an event is a MalformedEventException, not a StackOverflowError") {
            val nested = bytes("event: tool_result\ndata: {\"type\":\"tool_result\",\"call_id\":\"c\",\"name\":\"n\",\"result\":" +
                "[".repeat(200_000) + "]".repeat(200_000) + "}\n\n")
            serving(ScriptedResponse.stream(listOf(nested, bytes(STOP)))).use { server ->
                turn(server.baseUrl).second.shouldBeInstanceOf<MalformedEventException>().position shouldBe 1
            }
        }
        test("deep nesting in an unknown field (which events keep, for forward compatibility) is a MalformedEventException, not a StackOverflowError") {
            val nested = bytes("data: {\"type\":\"text_delta\",\"content\":\"x\",\"extra\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}\n\n")
            serving(ScriptedResponse.stream(listOf(nested, bytes(STOP)))).use { server ->
                turn(server.baseUrl).second.shouldBeInstanceOf<MalformedEventException>().position shouldBe 1
            }
        }
    }

    context("connections that stall or break") {
        test("a stream that stalls after its headers fails with StreamIdleTimeoutException") {
            LocalLlamaCloud.start().use { server ->
                val chat = testChat(server.baseUrl) { streamIdleTimeout = 300.milliseconds }
                chat.use {
                    val session = it.create(listOf("idx-demo"))
                    server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(0)), Endpoint.STREAM)
                    val failure = shouldThrow<StreamIdleTimeoutException> {
                        withTimeout(HANG_GUARD) { it.stream(session.sessionId, "What were the main findings in Q3?", listOf("idx-demo")).collect {} }
                    }
                    failure.eventsReceived shouldBe 0
                    failure.idleTimeout shouldBe Duration.ofMillis(300)
                }
                server.awaitIdle(Duration.ofSeconds(10)).shouldBeTrue()
            }
        }
        test("a stream that stalls mid-turn fails the same way, after the events that came") {
            val stalled = ScriptedResponse.stream(listOf(bytes(DELTA_A), bytes(STOP))).withSocketPolicy(SocketPolicy.stallAfterEvents(1))
            serving(stalled).use { server ->
                val chat = testChat(server.baseUrl) { streamIdleTimeout = 300.milliseconds }
                val failure = chat.use {
                    shouldThrow<StreamIdleTimeoutException> { withTimeout(HANG_GUARD) { it.stream("ses-1", "hi", listOf("i")).collect {} } }
                }
                failure.eventsReceived shouldBe 1
                server.awaitIdle(Duration.ofSeconds(30)).shouldBeTrue() // the client closed the connection
            }
        }
        test("a chunked body cut before its last chunk fails as a broken stream, after the events that came") {
            // The body is chunked (no Content-Length); the connection drops 15 bytes into the second event.
            val cut = ScriptedResponse.stream(listOf(bytes(DELTA_A), bytes(DELTA_A)))
                .withSocketPolicy(SocketPolicy.disconnectAfterBytes(bytes(DELTA_A).size + 15L))
            serving(cut).use { server ->
                val (events, failure) = turn(server.baseUrl)
                // Ktor's CIO, once its chunked decoder fails, may drop what it had buffered, and reports the cut
                // either as a read error or as the body's end: the whole first chunk arrived, but whether its event
                // reaches the decoder depends on when it is read. Either way the turn fails typed, counting right.
                shouldBeTruncatedAfterOneEvent(events, failure)
            }
        }
        test("a body shorter than its Content-Length fails as a broken stream after the event that came") {
            val short = ScriptedResponse.stream(listOf(bytes(DELTA_A), bytes(STOP)))
                .withHeader("Content-Length", "100000")
                .withSocketPolicy(SocketPolicy.disconnectAfterEvents(1))
            serving(short).use { server ->
                // OkHttp (the default engine) reports the early close as a read error ("unexpected end of stream"),
                // possibly before handing over the bytes it had; CIO reports it as the body's end, which the
                // end-of-turn rule catches. Either way the turn fails typed and counts what it delivered.
                val (events, failure) = turn(server.baseUrl)
                shouldBeTruncatedAfterOneEvent(events, failure)
            }
        }
        test("a connection reset mid-stream fails with StreamInterruptedException") {
            val delivered = CountDownLatch(1)
            RawHttpServer { ex ->
                ex.head(200, SSE_HEADERS)
                ex.write("event: text_delta\ndata: {\"type\":\"text_delta\",\"content\":\"a\"}\n\n")
                delivered.await(HANG_GUARD.inWholeSeconds, TimeUnit.SECONDS) // a reset discards what the client has not read yet
                ex.reset()
            }.use { server ->
                turn(server.baseUrl) { delivered.countDown() }.second.shouldBeInstanceOf<StreamInterruptedException>().eventsReceived shouldBe 1
            }
        }
    }
})

/**
 * A body cut short may reach the caller as a read error or as an early end, and the engine may drop the bytes it
 * had buffered: either way the turn fails typed and counts exactly the events it delivered (0 or the one sent).
 */
private fun shouldBeTruncatedAfterOneEvent(events: List<ChatEvent>, failure: Throwable?) {
    listOf(emptyList(), listOf(ChatEvent.TextDelta("a"))) shouldContain events
    val broken = failure.shouldBeInstanceOf<StreamException>()
    listOf(StreamInterruptedException::class, StreamEndedBeforeStopException::class) shouldContain broken::class
    broken.eventsReceived shouldBe events.size
}

package dev.llamachat.ktor.internal

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import dev.llamachat.internal.ByteSource
import dev.llamachat.internal.SseEncoder
import dev.llamachat.ktor.LlamaCloudChatConfig
import dev.llamachat.ktor.CountingDeadlines
import dev.llamachat.ktor.TEST_KEY
import dev.llamachat.ktor.startServer
import dev.llamachat.ktor.testChat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.cancel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.yield

/**
 * After `stop`, [EventStreamBody] reads the rest of the body however the collector left the turn, so that the call
 * is not cut: the body here is a `text_delta` and `stop` in one read, then its end, which the test sees read.
 */
class EventStreamBodySpec : FunSpec({
    val settings = ClientSettings.from(LlamaCloudChatConfig().apply { apiKey = TEST_KEY }, Timing())
    val request = Requests(null, null).stream("session-1", "Hello", emptyList(), null, null)

    /**
     * A body of one delta and `stop`, then its end; [endRead] says whether a read reached that end. That read
     * suspends first, as a real one waiting for the next bytes does, and so fails in a cancelled coroutine.
     */
    open class Body : ByteSource {
        private val frames = (SseEncoder.encode(ChatEvent.TextDelta("Hi")) + SseEncoder.encode(ChatEvent.Stop(null, false, Usage())))
            .toByteArray()
        private var sent = false
        var endRead = false

        override suspend fun read(buffer: ByteArray, offset: Int, length: Int): Int {
            if (sent) {
                yield()
                endRead = true
                return -1
            }
            sent = true
            frames.copyInto(buffer, offset)
            return frames.size
        }
    }

    fun head(body: Body) = object : ResponseHead(200, mapOf("content-type" to listOf("text/event-stream"))) {
        override fun stream(): ByteSource = body
        override suspend fun whole(): ByteSource = body
        override fun giveUp() {}
    }

    test("a collector that takes the turn to its end: the body is read to its end") {
        val body = Body()
        val events = ArrayList<ChatEvent>()
        EventStreamBody(FlowCollector { events += it }, settings).read(head(body), request)
        events.map { it.type } shouldBe listOf("text_delta", "stop")
        body.endRead shouldBe true
    }

    test("a collector that stops at stop by throwing (as first { it is Stop } does): the body is read to its end first") {
        val body = Body()
        val stopped = shouldThrow<CancellationException> {
            EventStreamBody(FlowCollector { if (it is ChatEvent.Stop) throw CancellationException("taken") }, settings).read(head(body), request)
        }
        stopped.message shouldBe "taken"
        body.endRead shouldBe true
    }

    test("a collector cancelled at stop (as a subscriber's cancel() in onNext): the body is read to its end anyway") {
        val body = Body()
        coroutineScope {
            launch {
                EventStreamBody(FlowCollector { if (it is ChatEvent.Stop) currentCoroutineContext().cancel() }, settings)
                    .read(head(body), request)
            }
        }
        body.endRead shouldBe true
    }

    test("a collector that stops before stop cuts the body: nothing more is read") {
        val body = Body()
        shouldThrow<CancellationException> {
            EventStreamBody(FlowCollector { if (it is ChatEvent.TextDelta) throw CancellationException("enough") }, settings)
                .read(head(body), request)
        }
        body.endRead shouldBe false
    }

    test("a body already at its end after stop is not read again, and no deadline is armed to wait for it") {
        val deadlines = CountingDeadlines()
        val counted = ClientSettings.from(LlamaCloudChatConfig().apply { apiKey = TEST_KEY }, Timing(deadlines = deadlines))
        val ended = object : Body() {
            override val isExhausted: Boolean get() = true
        }
        EventStreamBody(FlowCollector {}, counted).read(head(ended), request)
        ended.endRead shouldBe false
        val open = Body()
        EventStreamBody(FlowCollector {}, counted).read(head(open), request)
        open.endRead shouldBe true
        // The stream's idle limit in both turns; the drain's deadline only in the second.
        deadlines.scheduled shouldBe 3
        deadlines.armed shouldBe 0
    }

    test("over loopback: a turn taken up to its stop with first {} has ended on the server when first returns") {
        val server = startServer()
        try {
            testChat(server).use { chat ->
                val session = chat.create()
                repeat(5) {
                    chat.stream(session.sessionId, "bench:3", emptyList()).first { it is ChatEvent.Stop }
                    server.runningTurns shouldBe 0
                }
            }
        } finally {
            server.close()
        }
    }
})

package dev.llamachat.internal

import dev.llamachat.ChatEvent
import dev.llamachat.EventTooLargeException
import dev.llamachat.MalformedEventException
import dev.llamachat.StreamEndedBeforeStopException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.arbitrary.int
import io.kotest.property.checkAll
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest

private fun sse(events: List<ChatEvent>): String = events.joinToString("") { SseEncoder.encode(it) }

private fun decodeAll(text: String, chunkSize: Int = maxOf(1, text.length), skip: Boolean = false): List<ChatEvent> {
    val events = ArrayList<ChatEvent>()
    val skipped = if (skip) ChatTurnDecoder.WHOLE_TEXT_EVENTS else emptySet()
    decodeChatEventBytes(text.toByteArray(), chunkSize, skippedEventTypes = skipped) { events += it }
    return events
}

class ChatTurnDecoderSpec : FunSpec({
    test("stop completes the turn: it is returned, and nothing after it") {
        val turn = ChatTurnDecoder()
        turn.feed((sse(fullTurn) + sse(fullTurn.take(1))).toByteArray())
        val events = generateSequence { turn.next() }.toList()
        events shouldBe fullTurn
        turn.isComplete.shouldBeTrue()
        turn.isOver.shouldBeTrue()
        turn.next().shouldBeNull()
        turn.eventsReceived shouldBe fullTurn.size
        turn.lastEventType shouldBe "stop"
    }

    test("data: [DONE] ends the turn before stop: over, not complete, nothing after it is decoded") {
        val turn = ChatTurnDecoder()
        turn.feed((sse(fullTurn.take(2)) + "data: [DONE]\n\n" + "data: not json\n\n").toByteArray())
        generateSequence { turn.next() }.toList() shouldBe fullTurn.take(2)
        turn.isOver.shouldBeTrue()
        turn.isComplete.shouldBeFalse()
        val ended = turn.endedBeforeStop()
        ended.eventsReceived shouldBe 2
        ended.lastEventType shouldBe "thinking_delta"
        shouldThrow<IllegalStateException> { turn.feed(ByteArray(1)) }
    }

    test("only data that is exactly [DONE] ends it") {
        shouldThrow<MalformedEventException> { decodeAll("data: [DONE] \n\n") }.position shouldBe 1
    }

    test("a body without stop fails with StreamEndedBeforeStopException counting what was delivered") {
        val delivered = ArrayList<ChatEvent>()
        val e = shouldThrow<StreamEndedBeforeStopException> {
            decodeChatEventBytes(sse(fullTurn.take(3)).toByteArray()) { delivered += it }
        }
        delivered shouldBe fullTurn.take(3)
        e.eventsReceived shouldBe 3
        e.lastEventType shouldBe "thinking"
    }

    test("an event over the limit fails with EventTooLargeException counting the events before") {
        val e = shouldThrow<EventTooLargeException> {
            decodeChatEventBytes((sse(fullTurn.take(1)) + "data: " + "x".repeat(300) + "\n\n").toByteArray(), maxEventBytes = 200) {}
        }
        e.limitBytes shouldBe 200
        e.eventsReceived shouldBe 1
    }

    test("chunking never changes the events, and the flow over the same bytes agrees") {
        val text = sse(fullTurn)
        checkAll(Arb.int(1, text.length)) { chunkSize ->
            decodeAll(text, chunkSize) shouldBe fullTurn
        }
        runTest { decodeChatEvents(ScriptedByteSource.of(text)).toList() shouldBe decodeAll(text) }
    }

    context("skipped event types") {
        test("the whole text and thinking are dropped unread, the rest delivered and counted as before") {
            val huge = ChatEvent.Text("x".repeat(5000))
            val turn = fullTurn.map { if (it is ChatEvent.Text) huge else it }
            val events = ArrayList<ChatEvent>()
            decodeChatEventBytes(sse(turn).toByteArray(), chunkSize = 100, maxEventBytes = 1000, skippedEventTypes = ChatTurnDecoder.WHOLE_TEXT_EVENTS) {
                events += it
            } shouldBe fullTurn.size - 2
            events shouldBe fullTurn.filter { it !is ChatEvent.Text && it !is ChatEvent.Thinking }
        }
        test("an event line after the data still drops the event") {
            decodeAll("data: {\"type\":\"text\",\"content\":\"a\"}\nevent: text\n\n" + sse(fullTurn.takeLast(1)), skip = true) shouldBe
                fullTurn.takeLast(1)
        }
        test("an event without a name is not skipped: the skip goes by the SSE name") {
            decodeAll("data: {\"type\":\"text\",\"content\":\"a\"}\n\n" + sse(fullTurn.takeLast(1)), skip = true) shouldBe
                listOf(ChatEvent.Text("a")) + fullTurn.takeLast(1)
        }
    }
})

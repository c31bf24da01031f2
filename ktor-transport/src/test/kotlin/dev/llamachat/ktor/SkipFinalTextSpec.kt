package dev.llamachat.ktor

import dev.llamachat.ChatEvent
import dev.llamachat.collectTurn
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.toList

/** `skipFinalText`: a stream without the turn's whole-answer `text`, over loopback through the public API. */
class SkipFinalTextSpec : FunSpec({
    val server = startServer()
    afterSpec { server.close() }

    test("the whole-answer text is not delivered; the deltas and stop are, and the turn's text is the same") {
        val whole = testChat(server).use { chat ->
            chat.stream(chat.create().sessionId, "bench:3000", emptyList()).toList().filterIsInstance<ChatEvent.Text>().single().content
        }
        testChat(server) { skipFinalText = true }.use { chat ->
            val events = chat.stream(chat.create().sessionId, "bench:3000", emptyList()).toList()
            events.filterIsInstance<ChatEvent.Text>().shouldBeEmpty()
            events.count { it is ChatEvent.TextDelta } shouldBe 3000
            (events.last() is ChatEvent.Stop) shouldBe true
            events.filterIsInstance<ChatEvent.TextDelta>().joinToString("") { it.content } shouldBe whole
            chat.stream(chat.create().sessionId, "bench:3000", emptyList()).collectTurn().text shouldBe whole
        }
    }

    test("the skipped event is not held: a whole answer far over maxEventBytes does not fail the turn") {
        testChat(server) {
            skipFinalText = true
            maxEventBytes = 1024
        }.use { chat ->
            val turn = chat.stream(chat.create().sessionId, "bench:20000", emptyList()).collectTurn()
            turn.text.toByteArray().size shouldBeGreaterThan 100 * 1024
        }
    }
})

package dev.llamachat.ktor

import dev.llamachat.ChatEvent
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud.Companion.DEMO_INDEX
import dev.llamachat.testkit.ScriptedResponse
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.toList

/** Handles on existing sessions, and turns as large as real ones, over loopback HTTP. */
class SessionHandleSpec : FunSpec({
    val server = startServer()
    afterSpec { server.close() }
    beforeEach {
        server.clearRequests()
        server.clearQueue()
    }

    test("session(id) on a bound session learns its indexes with one summary request, and its turns are accepted") {
        testChat(server) { maxRetries = 0 }.use { chat ->
            val id = chat.create(listOf(DEMO_INDEX)).sessionId
            val session = chat.session(id)
            session.ask("What were the main findings in Q3?").isError shouldBe false
            session.ask("And Q4?").isError shouldBe false
            session.indexIds shouldBe listOf(DEMO_INDEX)
            server.requestsTo(Endpoint.SUMMARY) shouldHaveSize 1
            server.requestsTo(Endpoint.STREAM).map { it.body.contains(DEMO_INDEX) } shouldBe listOf(true, true)
        }
    }

    test("session(id) on an unbound session sends no index ids, and its first turn binds it") {
        testChat(server) { maxRetries = 0 }.use { chat ->
            val session = chat.session(chat.create().sessionId)
            session.ask("Hi").isError shouldBe false
            session.indexIds shouldBe emptyList()
        }
    }

    test("the default event limit accepts a 1 MiB text_delta and a 1.7 MB text, as real turns send") {
        testChat(server).use { chat ->
            val delta = "a".repeat(1 shl 20)
            val text = "b".repeat(1_700_000)
            val body = listOf(
                """{"type":"text_delta","content":"$delta"}""",
                """{"type":"text","content":"$text"}""",
                """{"type":"stop","error":null,"is_error":false,"usage":{"duration_ms":1,"total_input_tokens":1,"total_output_tokens":1,"turns":1}}""",
            ).joinToString("") { "data: $it\n\n" }
            server.enqueue(ScriptedResponse.status(200).withBody("text/event-stream", body.toByteArray()), Endpoint.STREAM)
            val events = chat.stream("ses-any", "Hi", emptyList()).toList()
            events.first().shouldBeInstanceOf<ChatEvent.TextDelta>().content.length shouldBe delta.length
            events[1].shouldBeInstanceOf<ChatEvent.Text>().content.length shouldBe text.length
        }
    }
})

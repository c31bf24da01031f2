package dev.llamachat.samples

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class ConversationSpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())
    val chat = autoClose(server.client())

    test("asks three questions in one session, each needing only its prompt, then deletes it") {
        val captured = Captured()
        Conversation.run(chat, "idx-demo", captured.out)

        val streams = server.requests.filter { it.endpoint == Endpoint.STREAM }
        streams.map { it.sessionId }.distinct().size shouldBe 1
        streams.map { it.body } shouldContainExactly Conversation.QUESTIONS.map { """{"prompt":"$it","index_ids":["idx-demo"]}""" }
        val text = captured.text()
        text shouldContain "> And what happened in Q4?\nAccording to the Q4 2025 Quarterly Report:"
        text shouldContain "(1 tool call(s), "
        text shouldContain "3 questions in the history; title: What were the main findings in Q3?"
        server.sessionCount() shouldBe 0
    }
})

package dev.llamachat.samples.chat

import dev.llamachat.ChatEvent
import dev.llamachat.samples.client
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainInOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.file.Files
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

private const val ENTER = "\r"
private const val CTRL_C = "\u0003"
private const val CTRL_D = "\u0004"
// What xterm sends for these keys once JLine put it in keypad mode (its terminfo: kcuu1=\EOA, khome=\EOH)...
private const val KEYPAD_UP = "\u001bOA"
private const val KEYPAD_HOME = "\u001bOH"
// ...and what a terminal that stays in normal mode sends for Up.
private const val UP = "\u001b[A"
private const val ALT_ENTER = "\u001b\r"
private const val CTRL_J = "\n"

/**
 * Runs [chat] on a thread of its own, not as a child of the test: if the test fails while the chat waits for a key,
 * the test still ends (the terminal is closed, and the thread is a daemon).
 */
private fun start(chat: suspend () -> Int): CompletableFuture<Int> {
    val result = CompletableFuture<Int>()
    Thread {
        try {
            result.complete(runBlocking { chat() })
        } catch (e: Throwable) {
            result.completeExceptionally(e)
        }
    }.apply { isDaemon = true }.start()
    return result
}

/** Keys in, screen out: the chat on JLine, on a terminal made of pipes, against a local LlamaCloud. */
class TerminalChatSpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())
    val chat = autoClose(server.client())

    /** The prompts of the turns the server received, in order. */
    fun promptsSent(): List<String> = server.requests.filter { it.endpoint == Endpoint.STREAM }.map {
        Json.parseToJsonElement(it.body).jsonObject.getValue("prompt").jsonPrimitive.content
    }

    fun usageLines(screen: List<String>) = screen.count { it.startsWith("[usage] ") }

    /**
     * Waits for the [n]th answer's end and the prompt after it, as a person would before typing: keys typed earlier
     * reach a terminal still in its cooked mode (Enter turned into Ctrl-J, the keys echoed), not the line editor.
     */
    suspend fun VirtualTerminal.awaitAnswers(n: Int) = awaitScreen { usageLines(it) == n && it.last() == "you>" }

    test("line editing, history, multiline input, a paste as one message, Ctrl-C clearing the line, Ctrl-D leaving") {
        server.clearRequests()
        val history = Files.createTempFile("llamachat-history", "")
        VirtualTerminal().use { vt ->
            val chatRun = start { TerminalChat(vt.terminal, chat, "idx-demo", history, colors = true).run() }
            vt.awaitPrompt()

            // Typed out of order, then Home to put the start in front: the editor moves the cursor, the arrows do not print.
            vt.type("in Q3?${KEYPAD_HOME}What were the main findings $ENTER")
            vt.awaitAnswers(1)
            // Up recalls the question; Enter sends it again.
            vt.type("$KEYPAD_UP$ENTER")
            vt.awaitAnswers(2)
            // Alt-Enter and Ctrl-J insert line breaks; Enter sends the three lines as one question.
            vt.type("Summarize Q3${ALT_ENTER}in one line${CTRL_J}please$ENTER")
            vt.awaitAnswers(3)
            // A pasted text keeps its line breaks and is one message; Enter after it sends it.
            vt.paste("Compare Q3\nwith Q4")
            vt.type(ENTER)
            vt.awaitAnswers(4)
            // Ctrl-C drops a half-typed line; nothing is sent.
            // (Each key waits for the screen: the terminal raises Ctrl-C's signal as soon as the key arrives, ahead of
            // keys still queued, as a real terminal does.)
            vt.type("never sent")
            vt.awaitScreen { it.last() == "you> never sent" }
            vt.type(CTRL_C)
            vt.awaitScreen { it.last() == "you>" }
            vt.type(CTRL_C)
            vt.awaitScreen { it.any { line -> line == "(Ctrl-D or /quit leaves)" } }
            vt.type(CTRL_D)
            chatRun.get(60, TimeUnit.SECONDS) shouldBe ExitStatus.OK

            val screen = vt.screen()
            screen.none { "\u001b" in it || "^[[" in it } shouldBe true
            // (The tool line is longer than the terminal, which wraps it; answers are word-wrapped by the chat.)
            screen.first { it.startsWith("[tool] ") } shouldBe
                """[tool] search_index {"query":"What were the main findings in Q3?","index_ids":["idx-demo"]}""".take(80)
            screen shouldContainInOrder listOf(
                "you> What were the main findings in Q3?",
                "According to the Q3 2025 Quarterly Report:",
                "you> What were the main findings in Q3?",
                "you> Summarize Q3",
                "...> in one line",
                "...> please",
                "you> Compare Q3",
                "...> with Q4",
                "Bye.",
            )
        }
        promptsSent() shouldBe listOf(
            "What were the main findings in Q3?",
            "What were the main findings in Q3?",
            "Summarize Q3\nin one line\nplease",
            "Compare Q3\nwith Q4",
        )
        // The history file keeps each question once (a repeat is not stored twice), for the next run.
        val saved = Files.readString(history)
        saved shouldContain "What were the main findings in Q3?"
        saved shouldContain "Compare Q3"

        VirtualTerminal().use { vt ->
            val chatRun = start { TerminalChat(vt.terminal, chat, "idx-demo", history, colors = true).run() }
            vt.awaitPrompt()
            vt.type("$UP$ENTER") // normal-mode Up: the last question of the previous run, both its lines
            vt.awaitAnswers(1)
            vt.type("/quit$ENTER")
            chatRun.get(60, TimeUnit.SECONDS) shouldBe ExitStatus.OK
        }
        promptsSent().last() shouldBe "Compare Q3\nwith Q4"
        Files.delete(history)
    }

    test("Ctrl-C during an answer stops it; the chat goes on with the next question") {
        VirtualTerminal().use { vt ->
            val chatRun = start { TerminalChat(vt.terminal, chat, "idx-demo", null, colors = true).run() }
            vt.awaitPrompt()
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(30)), Endpoint.STREAM) // the answer stops coming mid-way
            vt.type("What were the main findings in Q3?$ENTER")
            vt.awaitScreen { it.any { line -> line.startsWith("[tool] ") } }
            vt.type(CTRL_C)
            vt.awaitScreen { it.contains("Answer stopped.") && it.last() == "you>" }
            server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
            vt.type("And what happened in Q4?$ENTER")
            vt.awaitAnswers(1)
            vt.type("/quit$ENTER")
            chatRun.get(60, TimeUnit.SECONDS) shouldBe ExitStatus.OK
            vt.screen() shouldContainInOrder listOf("Answer stopped.", "you> And what happened in Q4?", "According to the Q4 2025 Quarterly Report:")
        }
    }

    test("answers are wrapped at word boundaries to the terminal's width; an over-long paste is refused with its count") {
        server.clearRequests()
        VirtualTerminal(columns = 50).use { vt ->
            val chatRun = start { TerminalChat(vt.terminal, chat, "idx-demo", null, colors = false).run() }
            vt.awaitPrompt()
            vt.type("What were the main findings in Q3?$ENTER")
            val screen = vt.awaitAnswers(1)
            vt.paste("x".repeat(1200) + "\uD83D\uDE42".repeat(300)) // 1500 characters as the service counts them (1800 UTF-16 units)
            vt.type(ENTER)
            // The prompt written after the refusal: the line editor reads again, so /quit reaches it.
            vt.awaitScreen(timeout = 90.seconds) { it.any { line -> line.startsWith("Not sent") } && "you> " in vt.raw().substringAfterLast("Not sent") }
            vt.type("/quit$ENTER")
            chatRun.get(60, TimeUnit.SECONDS) shouldBe ExitStatus.OK

            val sessionId = server.requests.last { it.endpoint == Endpoint.STREAM }.sessionId!!
            val answer = chat.retrieve(sessionId).events.filterIsInstance<ChatEvent.Text>().single().content
            val start = screen.indexOfFirst { it.startsWith("According to") }
            val shown = screen.subList(start, screen.indexOfFirst { it.startsWith("[usage] ") })
            shown.all { it.length <= 50 } shouldBe true
            // The same words, none split: the wrapped lines are the answer with some spaces turned into line breaks.
            shown.joinToString(" ").split(Regex("\\s+")).filter { it.isNotEmpty() } shouldBe
                answer.split(Regex("\\s+")).filter { it.isNotEmpty() }
            // Wider than 50 columns, so the terminal wrapped it: its rows, joined, are the line.
            vt.screen().joinToString("") shouldContain "Not sent: the message is 1500 characters; the service takes at most 1000."
        }
        promptsSent().size shouldBe 1
    }
})

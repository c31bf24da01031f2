package dev.llamachat.samples.chat

import dev.llamachat.ChatEvent
import dev.llamachat.samples.Captured
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
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.string.shouldStartWith
import java.time.Duration
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout

private const val Q3 = "What were the main findings in Q3?"
private val SESSION = Regex("Session (ses-[0-9a-f-]+) on idx-demo")
private val USAGE = Regex("""\[usage] \d+ tokens in / \d+ out, \d+ ms, turn \d+""")

/** Lines as piped input gives them, then the end of input. */
private fun script(vararg lines: String): LineSource {
    val remaining = ArrayDeque(lines.toList())
    return LineSource { remaining.removeFirstOrNull() }
}

class ChatAppSpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())
    val chat = autoClose(server.client())

    test("piped: a question, then /history, /title, /sessions, /new, /delete, /help and /quit") {
        val captured = Captured()
        val input = script(Q3, "/history", "/title", "/sessions", "/new", "/delete", "/help", "/quit", "never read")
        ChatApp(chat, "idx-demo", input, PlainRenderer(captured.out)).run() shouldBe ExitStatus.OK

        val lines = captured.lines()
        val first = SESSION.find(lines[0])!!.groupValues[1]
        lines[1] shouldBe "Type a question, or /help. Ctrl-C stops an answer."
        lines[2] shouldBe "> $Q3"
        lines[3] shouldStartWith "[thinking] The user asks: \"$Q3\"."
        lines[4] shouldBe """[tool] search_index {"query":"$Q3","index_ids":["idx-demo"]}"""
        lines[5] shouldBe "According to the Q3 2025 Quarterly Report:"
        val usage = lines.indexOfFirst { USAGE.matches(it) }
        lines[usage + 1] shouldBe "> /history"
        lines.subList(usage + 2, usage + 6) shouldBe listOf(
            "History of $first:",
            "  > $Q3",
            lines[3].replace("[thinking]", "  [thinking]"),
            "  " + lines[4],
        )
        lines shouldContainInOrder listOf("> /title", "Generated title: What were the main findings in Q3?...")
        lines shouldContainInOrder listOf(
            "> /sessions", " 1* $first  What were the main findings in Q3?...  (1 turn)", "1 session; /open <number> resumes one",
        )
        val newSession = lines[lines.indexOf("> /new") + 1]
        val second = SESSION.find(newSession)!!.groupValues[1]
        lines shouldContainInOrder listOf("> /delete", "Deleted $second.")
        lines[lines.indexOf("Deleted $second.") + 1] shouldMatch SESSION
        lines shouldContain "/history          show the current session's turns"
        lines.takeLast(3) shouldBe listOf("> /quit", "Bye.", "")
        server.sessionCount() shouldBe 2 // the first and the one /delete started
    }

    test("reports failures and bad input, and keeps going") {
        val captured = Captured()
        val input = script("/delete ses-does-not-exist", "x".repeat(1001), "/frobnicate", "/history")
        ChatApp(chat, "idx-demo", input, PlainRenderer(captured.out)).run()

        val lines = captured.lines()
        lines shouldContainInOrder listOf("> /delete ses-does-not-exist")
        lines[lines.indexOf("> /delete ses-does-not-exist") + 1] shouldStartWith "[error] "
        lines shouldContain "[error] Not sent: the message is 1001 characters; the service takes at most 1000."
        lines shouldContain "[error] Unknown command /frobnicate; /help lists the commands."
        lines.single { it.startsWith("No turns yet in ses-") }
        lines.takeLast(2) shouldBe listOf("Bye.", "") // the end of input ends the chat like /quit
    }

    test("/open resumes a session by its number in /sessions or by id: its last turns shown, its own index used") {
        val handbook = chat.startSession(indexIds = listOf(LocalLlamaCloud.HANDBOOK_INDEX))
        handbook.ask("How many vacation days do employees get?")
        val captured = Captured()
        val lines = Channel<String>(Channel.UNLIMITED)
        val app = ChatApp(chat, "idx-demo", LineSource { lines.receiveCatching().getOrNull() }, PlainRenderer(captured.out))
        val running = launch { app.run() }
        lines.send("/sessions")
        val listing = withTimeout(30_000) {
            while ("; /open <number> resumes one" !in captured.text()) delay(20)
            captured.lines()
        }
        val number = listing.single { handbook.sessionId in it }.trim().substringBefore(' ').toInt()
        lines.send("/open $number")
        lines.send("What is the parental leave policy?")
        lines.send("/open 99")
        lines.send("/open ${handbook.sessionId}")
        lines.send("/quit")
        running.join()

        val output = captured.lines()
        // The local server titles a session after its first turn, as the real one does.
        fun opened(turns: String) = output.single { it.startsWith("Opened ${handbook.sessionId} (") && it.endsWith(" on ${LocalLlamaCloud.HANDBOOK_INDEX}: $turns") }
        output shouldContainInOrder listOf(
            "> /open $number", opened("1 turn"), "  > How many vacation days do employees get?",
            "> What is the parental leave policy?",
        )
        output.single { it.startsWith("[tool] ") } shouldContain "\"index_ids\":[\"${LocalLlamaCloud.HANDBOOK_INDEX}\"]"
        output shouldContain "[error] No session number 99: /sessions lists ${listing.count { it.matches(Regex(" *\\d+[* ] ses-.*")) }}."
        output shouldContainInOrder listOf("> /open ${handbook.sessionId}", opened("2 turns"))
        app.session.sessionId shouldBe handbook.sessionId
    }

    test("Ctrl-C stops the running answer, and the chat goes on with the next line") {
        val captured = Captured()
        val lines = Channel<String>(Channel.UNLIMITED)
        val midTurn = CompletableDeferred<Unit>()
        val app = ChatApp(chat, "idx-demo", LineSource { lines.receiveCatching().getOrNull() }, PlainRenderer(captured.out),
            onEvent = { if (it is ChatEvent.ToolCall) midTurn.complete(Unit) })
        app.interrupt() shouldBe false // nothing to stop yet: Ctrl-C would quit

        val running = launch { app.run() }
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(30)), Endpoint.STREAM) // the answer stops coming mid-way
        lines.send(Q3)
        midTurn.await()
        server.runningTurns shouldBe 1
        app.interrupt() shouldBe true
        lines.send("And what happened in Q4?")
        lines.send("/quit")
        running.join()

        val output = captured.lines()
        output shouldContainInOrder listOf("> $Q3", "[cancelled]", "> And what happened in Q4?", "According to the Q4 2025 Quarterly Report:")
        server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
    }
})

package dev.llamachat.samples.chat

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import dev.llamachat.samples.Captured
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldEndWith
import java.io.PrintWriter
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject

private const val DIM = "\u001b[2m"
private const val RESET = "\u001b[0m"
private const val CYAN = "\u001b[36m"

private val CALL = ChatEvent.ToolCall("call_1", "search_index", buildJsonObject { put("query", JsonPrimitive("Q3")) })
private val STOP = ChatEvent.Stop(null, false, Usage(1234.0, 300, 40, 1))

class AnsiRendererSpec : FunSpec({
    fun renderer(captured: Captured, colors: Boolean = true, width: Int = 80) =
        AnsiRenderer(PrintWriter(captured.out), frames = listOf("1", "2", "3"), colors = colors, width = { width })

    test("a whole turn: thinking dimmed, one line per tool call, the streamed answer, then the usage") {
        val captured = Captured()
        val renderer = renderer(captured)
        renderer.prompt()
        captured.out.print("you> What were the main findings in Q3?\n") // what the line editor shows
        renderer.echo("What were the main findings in Q3?")
        renderer.turnStarted()
        listOf(
            ChatEvent.ThinkingDelta("Search the"), ChatEvent.ThinkingDelta(" reports."), ChatEvent.Thinking("Search the reports."),
            CALL, ChatEvent.ToolResult("call_1", "search_index", JsonPrimitive("3 passages")),
            ChatEvent.TextDelta("Churn fell"), ChatEvent.TextDelta(" to 2.1%."), ChatEvent.Text("Churn fell to 2.1%."), STOP,
        ).forEach(renderer::event)
        renderer.turnEnded()

        val output = captured.text()
        output shouldContain "${DIM}Search the reports.$RESET"
        output shouldContain "$CYAN[tool] search_index {\"query\":\"Q3\"}$RESET\n"
        output shouldContain "${DIM}[usage] 300 tokens in / 40 out, 1234 ms, turn 1$RESET\n"
        screen(output) shouldContainExactly listOf(
            "you> What were the main findings in Q3?",
            "Search the reports.",
            "[tool] search_index {\"query\":\"Q3\"}",
            "Churn fell to 2.1%.",
            "[usage] 300 tokens in / 40 out, 1234 ms, turn 1",
            "",
        )
    }

    test("turns a spinner while nothing arrives, and erases it before anything is written") {
        val captured = Captured()
        val renderer = renderer(captured)
        renderer.turnStarted()
        screen(captured.text()) shouldBe listOf("1 thinking...")
        renderer.tick()
        screen(captured.text()) shouldBe listOf("2 thinking...")

        renderer.event(CALL)
        renderer.tick()
        screen(captured.text()) shouldBe listOf("[tool] search_index {\"query\":\"Q3\"}", "3 running search_index...")

        renderer.event(ChatEvent.TextDelta("Churn"))
        screen(captured.text()).last() shouldBe "3 running search_index..." // a word shows once it is complete
        renderer.event(ChatEvent.TextDelta(" fell"))
        screen(captured.text()).last() shouldBe "Churn"
    }

    test("streamed text is wrapped at word boundaries to the terminal's width, whatever the pieces") {
        val captured = Captured()
        val renderer = renderer(captured, width = 24)
        renderer.turnStarted()
        val answer = "Churn fell to 2.1% while net revenue retention rose to 118%, led by enterprise accounts."
        answer.chunked(7).forEach { renderer.event(ChatEvent.TextDelta(it)) }
        renderer.event(ChatEvent.Text(answer))
        renderer.turnEnded()
        screen(captured.text()) shouldContainExactly listOf(
            "Churn fell to 2.1% while",
            "net revenue retention",
            "rose to 118%, led by",
            "enterprise accounts.",
            "",
        )
    }

    test("NO_COLOR: the same screen without a colour or style sequence") {
        val captured = Captured()
        val renderer = renderer(captured, colors = false)
        renderer.turnStarted()
        listOf(ChatEvent.ThinkingDelta("Search."), CALL, ChatEvent.TextDelta("Churn fell."), STOP).forEach(renderer::event)
        renderer.turnEnded()
        captured.text().contains(Regex("\u001b\\[[0-9;]*m")) shouldBe false
        screen(captured.text()) shouldContainExactly listOf(
            "Search.",
            "[tool] search_index {\"query\":\"Q3\"}",
            "Churn fell.",
            "[usage] 300 tokens in / 40 out, 1234 ms, turn 1",
            "",
        )
    }

    test("never draws the spinner in the middle of a line of text") {
        val captured = Captured()
        val renderer = renderer(captured)
        renderer.turnStarted()
        renderer.event(ChatEvent.TextDelta("Churn fell"))
        val before = captured.text()
        renderer.tick()
        renderer.tick()
        captured.text() shouldBe before
    }

    test("a stopped turn ends its line and says so") {
        val captured = Captured()
        val renderer = renderer(captured)
        renderer.turnStarted()
        renderer.event(ChatEvent.TextDelta("Churn fell"))
        renderer.turnCancelled()
        screen(captured.text()) shouldContainExactly listOf("Churn fell", "Answer stopped.", "")
        renderer.tick()
        captured.text() shouldEndWith "Answer stopped.$RESET\n"
    }

    test("a failed turn is shown in red, before its usage") {
        val captured = Captured()
        val renderer = renderer(captured)
        renderer.turnStarted()
        renderer.event(ChatEvent.Stop("The agent failed", true, Usage(10.0, 1, 0, 1)))
        captured.text() shouldContain "\u001b[31mThe turn failed: The agent failed$RESET"
        screen(captured.text()) shouldContainExactly listOf(
            "The turn failed: The agent failed",
            "[usage] 1 tokens in / 0 out, 10 ms, turn 1",
            "",
        )
    }
})

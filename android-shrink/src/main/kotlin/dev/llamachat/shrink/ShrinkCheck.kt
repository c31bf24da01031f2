package dev.llamachat.shrink

import dev.llamachat.ChatEvent
import dev.llamachat.NotFoundException
import dev.llamachat.ktor.LlamaCloudChat
import kotlin.system.exitProcess
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking

/**
 * A small app as an Android developer would write one, shrunk and obfuscated by the test before it runs: it creates
 * a session, streams a turn, decodes every event type the service sends (live and from the stored history), lists
 * sessions, generates a title, and gets the typed errors. Prints one `ok ...` line per check; any failure ends it
 * with status 1 and says what failed.
 */
public object ShrinkCheck {
    /** `args[0]`: the base URL of the service (a local LlamaCloud in the test). */
    @JvmStatic
    public fun main(args: Array<String>) {
        val failures = runBlocking { check(args.single()) }
        if (failures.isNotEmpty()) {
            failures.forEach { System.err.println("FAILED: $it") }
            exitProcess(1)
        }
        println("all checks passed")
    }

    private suspend fun check(baseUrl: String): List<String> {
        val failures = mutableListOf<String>()
        fun expect(what: String, condition: Boolean) {
            if (condition) println("ok $what") else failures += what
        }

        LlamaCloudChat {
            apiKey = "shrink-test-key"
            this.baseUrl = baseUrl
        }.use { chat ->
            val session = chat.startSession(indexIds = listOf("idx-demo"))
            expect("create: ${session.sessionId}", session.sessionId.startsWith("ses-"))

            val live = session.send("What were the main findings in Q3?").toList()
            val types = live.map { it::class.simpleName }.toSet()
            for (type in LIVE_TYPES) expect("stream decodes ${type.simpleName}", live.any { type.isInstance(it) })
            val stop = live.last()
            expect("stop carries usage", stop is ChatEvent.Stop && !stop.isError && stop.usage.turns == 1L)
            val call = live.filterIsInstance<ChatEvent.ToolCall>().first()
            expect("tool call arguments decode as JSON", call.arguments["index_ids"].toString() == """["idx-demo"]""")
            val text = live.filterIsInstance<ChatEvent.TextDelta>().joinToString("") { it.content }
            expect("streamed text: ${text.lineSequence().first()}", text.startsWith("According to the Q3 2025 Quarterly Report:"))
            expect("no unknown events (types: $types)", live.none { it is ChatEvent.Unknown })

            val history = chat.retrieve(session.sessionId)
            expect("history decodes UserInput", (history.events.first() as? ChatEvent.UserInput)?.content == "What were the main findings in Q3?")
            expect("history decodes stored events", history.events.any { it is ChatEvent.Text } && history.indexIds == listOf("idx-demo"))

            val titled = session.generateTitle("What were the main findings in Q3?")
            expect("generated title: ${titled.generatedTitle}", !titled.generatedTitle.isNullOrBlank())
            val listed = chat.listPage()
            expect("list decodes summaries", listed.items.any { it.sessionId == session.sessionId && it.jobMetadata?.turns == 1L })

            val notFound = runCatching { chat.retrieve("ses-00000000-0000-0000-0000-000000000000") }.exceptionOrNull()
            expect("typed error: ${notFound?.javaClass?.simpleName} status ${(notFound as? NotFoundException)?.status}",
                notFound is NotFoundException && notFound.status == 404 && notFound.detail != null)
            val refused = runCatching { session.send(" ") }.exceptionOrNull()
            expect("bad input refused before any request: ${refused?.message}", refused is IllegalArgumentException)
        }
        return failures
    }

    private val LIVE_TYPES = listOf(
        ChatEvent.ThinkingDelta::class, ChatEvent.Thinking::class, ChatEvent.ToolCall::class, ChatEvent.ToolResult::class,
        ChatEvent.TextDelta::class, ChatEvent.Text::class, ChatEvent.Stop::class,
    )
}

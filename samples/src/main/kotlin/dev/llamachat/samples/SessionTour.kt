package dev.llamachat.samples

import dev.llamachat.ChatApi
import dev.llamachat.ChatEvent
import dev.llamachat.NotFoundException
import dev.llamachat.collectTurn
import java.io.PrintStream
import kotlinx.coroutines.runBlocking

/**
 * Every session call once: create, list every page, summary, a turn, retrieve the history, generate a title,
 * delete. Run it with `mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.SessionTour`.
 */
public object SessionTour {
    /** Runs the tour against the service [SampleClient.open] picks from the environment. */
    @JvmStatic
    public fun main(args: Array<String>) {
        SampleClient.open().use { client -> runBlocking { run(client.chat, client.indexId, System.out) } }
    }

    /**
     * Runs the tour on [chat], printing to [out]. It deletes the sessions it creates.
     * @throws dev.llamachat.LlamaCloudException if the service refuses a call.
     */
    public suspend fun run(chat: ChatApi, indexId: String, out: PrintStream) {
        val created = chat.create(indexIds = listOf(indexId))           // a session bound to the index
        val unbound = chat.create()                                     // bound later, by its first turn
        out.println("created ${created.sessionId} on ${created.indexIds}, and ${unbound.sessionId} unbound")

        chat.list(pageSize = 20).collect { s ->                         // every page, fetched as the flow is read
            out.println("listed ${s.sessionId} ${s.generatedTitle ?: "(untitled)"}")
        }
        val firstPage = chat.listPage(pageSize = 1)                     // or one page at a time
        out.println("first page: ${firstPage.items.size} session(s), more: ${firstPage.hasNextPage}")

        val turn = chat.stream(created.sessionId, "What were the main findings in Q3?", listOf(indexId))
            .collectTurn()                                              // the whole turn: text, tools, usage
        out.println("answer: ${turn.text.lineSequence().first()}")

        val summary = chat.summary(created.sessionId)
        out.println("summary: ${summary.jobMetadata?.turns} turn(s), updated ${summary.lastUpdated}")

        val session = chat.retrieve(created.sessionId)                  // the summary fields plus the history
        for (event in session.events) {
            when (event) {
                is ChatEvent.UserInput -> out.println("  user: ${event.content}")
                is ChatEvent.ToolCall -> out.println("  tool: ${event.name}")
                is ChatEvent.Text -> out.println("  agent: ${event.content.length} characters")
                else -> Unit
            }
        }

        val titled = chat.generateTitle(created.sessionId, firstMessage = "Quarterly results: the Q3 findings")
        out.println("title: ${titled.generatedTitle}")

        chat.delete(created.sessionId)
        chat.delete(unbound.sessionId)
        try {
            chat.summary(created.sessionId)
        } catch (e: NotFoundException) {
            out.println("deleted: ${e.status}")
        }
    }
}

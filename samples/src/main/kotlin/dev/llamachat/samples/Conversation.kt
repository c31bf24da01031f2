package dev.llamachat.samples

import dev.llamachat.ChatApi
import dev.llamachat.ChatEvent
import java.io.PrintStream
import kotlinx.coroutines.runBlocking

/**
 * A conversation of several turns through a [dev.llamachat.ChatSession], which remembers the session and its
 * indexes so each turn needs only a prompt. Run it with
 * `mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.Conversation`.
 */
public object Conversation {
    /** The questions the conversation asks, in order. */
    public val QUESTIONS: List<String> = listOf(
        "What were the main findings in Q3?",
        "And what happened in Q4?",
        "Which quarter had the strongest revenue?",
    )

    /** Holds the conversation against the service [SampleClient.open] picks from the environment. */
    @JvmStatic
    public fun main(args: Array<String>) {
        SampleClient.open().use { client -> runBlocking { run(client.chat, client.indexId, System.out) } }
    }

    /**
     * Asks [QUESTIONS] in one session on [chat], printing each answer as it streams, then the session's summary.
     * The session is deleted at the end.
     * @throws dev.llamachat.LlamaCloudException if the service refuses a call or a stream breaks.
     */
    public suspend fun run(chat: ChatApi, indexId: String, out: PrintStream) {
        val session = chat.startSession(indexIds = listOf(indexId))
        for (question in QUESTIONS) {
            out.println("> $question")
            val turn = session.ask(question) { event ->                  // each event as it arrives
                if (event is ChatEvent.TextDelta) {
                    out.print(event.content)
                    out.flush()
                }
            }
            out.println()
            out.println("(${turn.toolUses.size} tool call(s), ${turn.usage?.totalOutputTokens} tokens out)")
        }
        val history = session.history()
        out.println("${history.events.count { it is ChatEvent.UserInput }} questions in the history; " +
            "title: ${history.generatedTitle}")
        session.delete()
    }
}

package dev.llamachat.samples

import dev.llamachat.ChatApi
import dev.llamachat.ChatEvent
import java.io.PrintStream
import kotlinx.coroutines.runBlocking

/**
 * The first program to run: one streamed chat turn. It creates a session on the index, sends a question, prints
 * the tool call the agent made and the answer token by token as it arrives, and ends with the turn's usage.
 *
 * `mvn -B -pl samples -am compile exec:java@quickstart` from the repository root (README's first command); arguments, if
 * any, are the question (`-Dexec.args="What did the handbook say about remote work?"`).
 */
public object Quickstart {
    /** The question asked when none is given. */
    public const val DEFAULT_PROMPT: String = "What were the main findings in Q3?"

    /** Runs one turn against the service [SampleClient.open] picks from the environment. */
    @JvmStatic
    public fun main(args: Array<String>) {
        val prompt = args.joinToString(" ").ifBlank { DEFAULT_PROMPT }
        SampleClient.open().use { client ->
            runBlocking { streamOneTurn(client.chat, client.indexId, prompt, System.out) }
        }
    }

    /**
     * Creates a session on [indexId] and streams one turn of [prompt] to [out].
     * @throws dev.llamachat.LlamaCloudException if the service refuses a call or the stream breaks.
     */
    public suspend fun streamOneTurn(chat: ChatApi, indexId: String, prompt: String, out: PrintStream) {
        val session = chat.startSession(indexIds = listOf(indexId))
        out.println("Session ${session.sessionId} on $indexId")
        out.println("> $prompt")
        session.send(prompt).collect { event ->
            when (event) {
                is ChatEvent.ToolCall -> out.println("[tool] ${event.name} ${event.arguments}")
                is ChatEvent.TextDelta -> {
                    out.print(event.content)
                    out.flush() // show each token as it arrives
                }
                is ChatEvent.Stop -> with(event.usage) {
                    out.println()
                    out.println("[usage] $totalInputTokens tokens in / $totalOutputTokens out, ${durationMs?.toLong() ?: "?"} ms, turn ${turns ?: "?"}")
                }
                else -> Unit // thinking, tool results, the whole text: not needed here
            }
        }
    }
}

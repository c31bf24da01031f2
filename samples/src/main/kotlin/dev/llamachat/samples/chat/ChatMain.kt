package dev.llamachat.samples.chat

import dev.llamachat.samples.SampleClient
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking

/**
 * A chat for a person at a terminal: one session, answers streamed as they are written, thinking dimmed, one line
 * per tool call, usage after each turn, and commands (`/help` lists them). Ctrl-C stops the current answer; at the
 * prompt it quits. Piped, it prints plain lines and no prompt, so it can be scripted:
 * `echo "What were the main findings in Q3?" | mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.chat.ChatMain`.
 *
 * Talks to the real service when `LLAMA_CLOUD_API_KEY` is set, otherwise to a local one (see [SampleClient]).
 */
public object ChatMain {
    /** Runs the chat on standard input and output until `/quit`, Ctrl-D or Ctrl-C at the prompt. */
    @JvmStatic
    public fun main(args: Array<String>) {
        val interactive = Terminal.isInteractive()
        val out = Terminal.stdout()
        val renderer = if (interactive) AnsiRenderer(out) else PlainRenderer(out)
        SampleClient.open(out = out).use { client ->
            val app = ChatApp(client.chat, client.indexId, StreamLineSource(System.`in`), renderer)
            Interrupts.install {
                if (!app.interrupt()) {
                    // Ctrl-C at the prompt: the read cannot be interrupted, so leave as the terminal expects.
                    out.println()
                    out.flush()
                    exitProcess(EXIT_INTERRUPTED)
                }
            }
            runBlocking { app.run() }
        }
    }

    /** The exit status of a program ended by SIGINT, by shell convention (128 + 2). */
    private const val EXIT_INTERRUPTED = 130
}

package dev.llamachat.samples.chat

import dev.llamachat.samples.SampleClient
import java.io.PrintStream
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking

/**
 * A chat for a person at a terminal: one session at a time, answers streamed and word-wrapped as they are written,
 * thinking dimmed, one line per tool call, usage after each turn, a line editor with history, and commands (`/help`
 * lists them). Ctrl-C stops the current answer, or clears the line being typed; Ctrl-D or `/quit` leaves. Piped, it
 * prints plain lines and no prompt, so it can be scripted:
 * `echo "What were the main findings in Q3?" | mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.chat.ChatMain`.
 *
 * Talks to the real service when `LLAMA_CLOUD_API_KEY` is set, otherwise to a local one (see [SampleClient]).
 * `LLAMACHAT_HISTORY` names the history file (`off` keeps none; default `~/.llamachat_history`); `NO_COLOR` turns
 * colours off. The exit status is one of [ExitStatus]'s.
 */
public object ChatMain {
    /** Runs the chat on this process's terminal, or on standard input and output when they are not one. */
    @JvmStatic
    public fun main(args: Array<String>) {
        exitProcess(run(System.getenv()))
    }

    private fun run(env: Map<String, String>): Int =
        if (Terminal.isInteractive(env)) TerminalChat.runOnSystemTerminal(env) else runPiped(env)

    /** Plain lines in and out; Ctrl-C (SIGINT) stops an answer, and between answers ends the chat. */
    private fun runPiped(env: Map<String, String>): Int {
        val out = Terminal.stdout()
        val client = openClient(env, out) ?: return ExitStatus.CONFIG
        return client.use {
            val app = ChatApp(client.chat, client.indexId, StreamLineSource(System.`in`), PlainRenderer(out))
            Interrupts.install {
                if (!app.interrupt()) {
                    out.println()
                    out.flush()
                    exitProcess(ExitStatus.INTERRUPTED)
                }
            }
            runBlocking { app.run() }
        }
    }

    /** The client the environment asks for, or null (after saying why on [out]) when its settings are invalid. */
    internal fun openClient(env: Map<String, String>, out: PrintStream): SampleClient? = try {
        SampleClient.open(env = env, out = out)
    } catch (e: IllegalArgumentException) {
        out.println("Cannot start: ${e.message}")
        out.flush()
        null
    }
}

package dev.llamachat.samples

import dev.llamachat.ChatApi
import dev.llamachat.ChatEvent
import java.io.PrintStream
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull

/**
 * Stopping a turn mid-way, as a Stop button would: cancelling the coroutine that collects the stream closes the
 * HTTP response at once, and the session takes the next turn. Run it with
 * `mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.CancelTurn`.
 */
public object CancelTurn {
    /** How much of the answer the "user" reads before pressing Stop. */
    public const val STOP_AFTER_CHARACTERS: Int = 60

    /** Cancels a turn against the service [SampleClient.open] picks from the environment. */
    @JvmStatic
    public fun main(args: Array<String>) {
        SampleClient.open().use { client -> runBlocking { run(client.chat, client.indexId, System.out) } }
    }

    /**
     * Starts a turn, cancels it once [STOP_AFTER_CHARACTERS] of the answer have arrived, then runs another turn on
     * the same session (bounded by a timeout) and deletes the session.
     * @throws dev.llamachat.LlamaCloudException if the service refuses a call.
     */
    public suspend fun run(chat: ChatApi, indexId: String, out: PrintStream): Unit = coroutineScope {
        val session = chat.startSession(indexIds = listOf(indexId))
        val stopPressed = CompletableDeferred<Unit>() // stands in for the user's click
        var received = 0

        val turn: Job = launch {
            session.send("What were the main findings in Q3?").collect { event ->
                if (event is ChatEvent.TextDelta) {
                    out.print(event.content)
                    out.flush()
                    received += event.content.length
                    if (received >= STOP_AFTER_CHARACTERS) stopPressed.complete(Unit)
                }
            }
        }
        stopPressed.await()
        turn.cancel() // closes the response now; the collector ends with a CancellationException
        turn.join()
        out.println(" [cancelled after $received characters]")

        // A bound for a whole turn: null if it took longer.
        val next = withTimeoutOrNull(60.seconds) { session.ask("And what happened in Q4?") }
        out.println(if (next == null) "no answer within 60 s" else "next turn: ${next.text.lineSequence().first()}")
        session.delete()
    }
}

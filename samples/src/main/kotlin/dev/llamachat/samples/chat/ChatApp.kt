package dev.llamachat.samples.chat

import dev.llamachat.ChatApi
import dev.llamachat.ChatEvent
import dev.llamachat.ChatSession
import dev.llamachat.LlamaCloudException
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/**
 * The terminal chat's loop: reads a line, runs it as a command or as a turn of the current session, shows the
 * result, and again, until `/quit` or the end of input. One turn runs at a time; [interrupt] stops it.
 *
 * @property chat the client every call goes through.
 * @property indexId the index new sessions are bound to.
 */
internal class ChatApp(
    val chat: ChatApi,
    val indexId: String,
    private val input: LineSource,
    val renderer: ChatRenderer,
    private val spinnerInterval: Duration = 100.milliseconds,
    /** Sees each event of a turn after it was shown; tests use it to act at a known point of a turn. */
    private val onEvent: (ChatEvent) -> Unit = {},
) {
    private val commands = ChatCommands(this)

    @Volatile
    private var runningTurn: Job? = null

    /** The session questions go to; `/new` and `/delete` replace it. */
    lateinit var session: ChatSession
        private set

    /** Starts a session and reads lines until `/quit` or the end of input. */
    suspend fun run() {
        if (!tryCall { newSession() }) return
        renderer.line("Type a question, or /help. Ctrl-C stops an answer.", Style.DIM)
        while (true) {
            renderer.prompt()
            val line = input.readLine() ?: break
            renderer.echo(line)
            val text = line.trim()
            when {
                text.isEmpty() -> continue
                text.startsWith("/") -> {
                    var goOn = true
                    tryCall { goOn = commands.execute(text) }
                    if (!goOn) break
                }
                else -> ask(text)
            }
        }
        renderer.line("Bye.", Style.DIM)
    }

    /**
     * Stops the running turn, as Ctrl-C does; safe to call from any thread.
     * @return false if no turn was running (then Ctrl-C means "quit").
     */
    fun interrupt(): Boolean {
        val turn = runningTurn ?: return false
        turn.cancel()
        return true
    }

    /** Replaces the current session with a new one on [indexId]. */
    suspend fun newSession() {
        session = chat.startSession(indexIds = listOf(indexId))
        renderer.line("Session ${session.sessionId} on $indexId", Style.DIM)
    }

    private suspend fun ask(prompt: String) = coroutineScope {
        // Lazy, so that the job is published for interrupt() before it can do anything.
        val turn = launch(start = CoroutineStart.LAZY) {
            tryCall {
                session.send(prompt).collect { event ->
                    renderer.event(event)
                    onEvent(event)
                }
            }
        }
        runningTurn = turn
        renderer.turnStarted()
        val spinner = if (renderer.animates) launch { spin() } else null
        turn.start()
        turn.join()
        runningTurn = null
        spinner?.cancel()
        if (turn.isCancelled) renderer.turnCancelled() else renderer.turnEnded()
    }

    private suspend fun spin() {
        while (true) {
            delay(spinnerInterval)
            renderer.tick()
        }
    }

    /** Runs [block], reporting a service failure or a refused argument instead of ending the chat. */
    private suspend fun tryCall(block: suspend () -> Unit): Boolean = try {
        block()
        true
    } catch (e: LlamaCloudException) {
        renderer.line(e.message ?: e.javaClass.simpleName, Style.ERROR)
        false
    } catch (e: IllegalArgumentException) {
        renderer.line(e.message ?: "invalid input", Style.ERROR)
        false
    }
}

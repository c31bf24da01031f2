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

    /**
     * Starts a session and reads lines until `/quit` or the end of input.
     * @return the process's exit status: [ExitStatus.OK], or [ExitStatus.UNAVAILABLE] if no session could be started.
     */
    suspend fun run(): Int {
        if (!tryCall { newSession() }) return ExitStatus.UNAVAILABLE
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
        return ExitStatus.OK
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

    /** Makes [session] the one questions go to (`/open`). */
    fun switchTo(session: ChatSession) {
        this.session = session
    }

    private suspend fun ask(prompt: String) {
        // Counted as the service counts (code points), and refused here with the count: nothing is sent.
        val length = prompt.codePointCount(0, prompt.length)
        if (length > MAX_PROMPT_CHARACTERS) {
            renderer.line("Not sent: the message is $length characters; the service takes at most $MAX_PROMPT_CHARACTERS.", Style.ERROR)
            return
        }
        runTurn(prompt)
    }

    private suspend fun runTurn(prompt: String) = coroutineScope {
        // Lazy, so that the job is published for interrupt() before it can do anything.
        val turn = launch(start = CoroutineStart.LAZY) {
            tryCall {
                // A session opened before its first turn is not bound yet: that turn binds it to the chat's index.
                val indexIds = if (session.indexIds == null) listOf(indexId) else null
                session.send(prompt, indexIds).collect { event ->
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

    private companion object {
        /** The service's limit on a question, in characters (Unicode code points). */
        const val MAX_PROMPT_CHARACTERS = 1000
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

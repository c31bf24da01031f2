package dev.llamachat.samples

import dev.llamachat.ApiException
import dev.llamachat.ConflictException
import dev.llamachat.LlamaCloudException
import dev.llamachat.LlamaCloudIoException
import dev.llamachat.LlamaCloudTimeoutException
import dev.llamachat.NotFoundException
import dev.llamachat.RateLimitException
import dev.llamachat.StreamException
import dev.llamachat.StreamIdleTimeoutException
import dev.llamachat.UnauthorizedException
import dev.llamachat.collectTurn
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.ktor.LlamaCloudChatConfig
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import dev.llamachat.testkit.SseFrames
import java.io.PrintStream
import java.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.runBlocking

/**
 * Every kind of failure, provoked one at a time, and how to tell them apart. It always runs against a
 * [LocalLlamaCloud] (never the real service), because only a local server can be told to fail on purpose.
 * Run it with `mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.ErrorHandling`.
 */
public object ErrorHandling {
    /** The key the local server of this sample requires. */
    public const val API_KEY: String = "sk-local-errors"

    /** Provokes each failure against a local server and prints how [describe] reads it. */
    @JvmStatic
    public fun main(args: Array<String>) {
        LocalLlamaCloud.builder().apiKey(API_KEY).start().use { server -> runBlocking { run(server, System.out) } }
    }

    /** What went wrong, in words a user can act on. Cancellation and programming errors are rethrown. */
    public fun describe(e: Throwable): String = when (e) {
        is IllegalArgumentException -> "invalid argument, nothing was sent: ${e.message}"
        is UnauthorizedException -> "the API key was refused (401): check LLAMA_CLOUD_API_KEY"
        is NotFoundException -> "no such session (404)"
        is ConflictException -> "the session uses other indexes, or a turn is still running (409)"
        is RateLimitException -> "still rate limited after retries; the server asks to wait ${e.retryAfter}"
        is ApiException -> "the service answered ${e.status}: ${e.detail}"            // 400, 403, 422, 5xx, ...
        is StreamIdleTimeoutException -> "the answer stalled for ${e.idleTimeout.toMillis()} ms"
        is StreamException -> "the answer broke off after ${e.eventsReceived} events"   // ended early, malformed, ...
        is LlamaCloudTimeoutException -> "no answer in time"
        is LlamaCloudIoException -> "could not reach the service"
        is LlamaCloudException -> "unexpected answer: ${e.message}"                    // e.g. a proxy's HTML page
        else -> throw e
    }

    /**
     * Provokes each failure on [server] (which must require the key this sample uses) and prints one line for each:
     * what was provoked, the exception's class, and [describe]'s reading of it.
     */
    public suspend fun run(server: LocalLlamaCloud, out: PrintStream) {
        val chat = client(server) { }
        // Impatient and without retries, so that timeouts and dropped connections show at once.
        val once = client(server) {
            maxRetries = 0
            requestTimeout = 1.seconds
            streamIdleTimeout = 1.seconds
        }
        val wrongKey = client(server) { apiKey = "sk-wrong" }
        try {
            val session = chat.startSession(indexIds = listOf("idx-demo"))
            val id = session.sessionId
            val q3 = "What were the main findings in Q3?"
            session.ask(q3) // binds the session's indexes for good
            val fast = ScriptedResponse.status(429).withHeader("retry-after-ms", "10")

            suspend fun attempt(what: String, call: suspend () -> Unit) {
                val line = try {
                    call()
                    "no exception"
                } catch (e: Exception) {
                    "${e.javaClass.simpleName}: ${describe(e)}"
                }
                out.println("${what.padEnd(36)} -> $line")
            }

            attempt("blank prompt") { session.send(" ") }
            attempt("wrong API key") { wrongKey.listPage() }
            attempt("unknown session") { chat.retrieve("ses-does-not-exist") }
            attempt("page token never issued") { chat.listPage(pageToken = "not-a-page-token") }
            attempt("other indexes than the session's") { chat.stream(id, q3, listOf("idx-handbook")).collectTurn() }

            server.enqueue(fast, Endpoint.SUMMARY, times = 1)
            attempt("429 once: retried, then answered") { chat.summary(id) }
            server.enqueue(fast, Endpoint.SUMMARY, times = 3)
            attempt("429 on every attempt") { chat.summary(id) }
            server.enqueue(ScriptedResponse.status(503).withHeader("retry-after-ms", "10"), Endpoint.SUMMARY, times = 3)
            attempt("503 on every attempt") { chat.summary(id) }
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart()), Endpoint.SUMMARY)
            attempt("connection dropped") { once.summary(id) }
            server.enqueue(ScriptedResponse.serve().withHeadDelay(Duration.ofSeconds(3)), Endpoint.SUMMARY)
            attempt("no answer within 1 s") { once.summary(id) }
            server.enqueue(ScriptedResponse.status(200).withBody("text/html", "<html>Sign in</html>".toByteArray()), Endpoint.SUMMARY)
            attempt("an HTML page instead of JSON") { chat.summary(id) }

            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(5)), Endpoint.STREAM)
            attempt("stream cut before its stop event") { session.ask(q3) }
            server.enqueue(ScriptedResponse.serve().withFrameAfter(3, SseFrames.frame(null, "{\"type\":\"text_delta\",")), Endpoint.STREAM)
            attempt("malformed event") { session.ask(q3) }
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(2)), Endpoint.STREAM)
            attempt("stream silent for 1 s") { once.session(id, listOf("idx-demo")).ask(q3) }

            // A turn the agent fails after the stream began is not an exception: its stop event says so.
            server.enqueue(ScriptedResponse.serve().withTurnFailureAfter(4, "The agent failed"), Endpoint.STREAM)
            val failed = session.ask(q3)
            out.println("${"agent failed mid-turn".padEnd(36)} -> turn.isError=${failed.isError}: ${failed.error}")
        } finally {
            chat.close()
            once.close()
            wrongKey.close()
        }
    }

    private fun client(server: LocalLlamaCloud, configure: LlamaCloudChatConfig.() -> Unit) =
        LlamaCloudChat {
            apiKey = API_KEY
            baseUrl = server.baseUrl
            configure()
        }
}

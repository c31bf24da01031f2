package dev.llamachat.samples.browser

import dev.llamachat.ChatApi
import dev.llamachat.LlamaCloudException
import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.Application
import io.ktor.server.cio.CIO
import io.ktor.server.engine.EmbeddedServer
import io.ktor.server.engine.embeddedServer
import io.ktor.server.response.respondBytesWriter
import io.ktor.server.response.respondText
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import io.ktor.server.routing.routing
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.writeStringUtf8
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * The JVM backend of the browser chat: serves one page, starts sessions for it, and relays each turn's
 * `Flow<ChatEvent>` to the browser as Server-Sent Events. The turn runs exactly as long as the browser listens:
 * when the page stops the answer, is closed or navigates away, the next write fails, the collection is cancelled,
 * and with it the upstream turn.
 *
 * Routes: `GET /` the page; `POST /api/sessions` a new session (`{"sessionId": ...}`);
 * `GET /api/ask?session=<id>&q=<question>` the turn, as `text/event-stream`.
 *
 * @param chat the client every turn goes through; not closed by [stop].
 * @param indexId the index new sessions are bound to.
 */
internal class BrowserChatServer(
    private val chat: ChatApi,
    private val indexId: String,
    private val heartbeat: Duration = 5.seconds,
) {
    private var server: EmbeddedServer<*, *>? = null

    /** Starts listening on [host]:[port] (0: any free port); returns the page's URL. */
    fun start(host: String = "127.0.0.1", port: Int = 0): String {
        val started = embeddedServer(CIO, port = port, host = host) { routes() }.start(wait = false)
        server = started
        val bound = runBlocking { started.engine.resolvedConnectors().first().port }
        return "http://$host:$bound/"
    }

    /** Stops the server; turns still streaming are cancelled. */
    fun stop() {
        server?.stop(gracePeriodMillis = 0, timeoutMillis = 5_000)
    }

    private fun Application.routes() = routing {
        get("/") { call.respondText(PAGE, ContentType.Text.Html) }
        post("/api/sessions") {
            try {
                val session = chat.startSession(indexIds = listOf(indexId))
                call.respondText(buildJsonObject { put("sessionId", session.sessionId) }.toString(), ContentType.Application.Json)
            } catch (e: LlamaCloudException) {
                call.respondText(e.message ?: "the service failed", status = HttpStatusCode.BadGateway)
            }
        }
        get("/api/ask") {
            val sessionId = call.request.queryParameters["session"]
            val question = call.request.queryParameters["q"]
            if (sessionId.isNullOrBlank() || question.isNullOrBlank()) {
                call.respondText("session and q are required", status = HttpStatusCode.BadRequest)
                return@get
            }
            call.respondBytesWriter(ContentType.Text.EventStream) { relay(sessionId, question) }
        }
    }

    /**
     * Streams one turn into the response. A write to a browser that went away throws, which cancels this coroutine,
     * the collection and so the upstream turn; the heartbeat makes such a write happen even while the turn is quiet.
     */
    private suspend fun ByteWriteChannel.relay(sessionId: String, question: String) = coroutineScope {
        val writes = Mutex() // the heartbeat and the events take turns on the channel
        suspend fun send(text: String) = writes.withLock {
            writeStringUtf8(text)
            flush()
        }
        val beat = launch {
            while (true) {
                delay(heartbeat)
                send(BrowserEvents.HEARTBEAT)
            }
        }
        try {
            // Every session this server starts is bound to indexId; a turn must name the same set.
            chat.session(sessionId, listOf(indexId)).send(question).collect { event -> BrowserEvents.frame(event)?.let { send(it) } }
        } catch (e: LlamaCloudException) {
            send(BrowserEvents.failure(e.message ?: e.javaClass.simpleName))
        } catch (e: IllegalArgumentException) {
            send(BrowserEvents.failure(e.message ?: "invalid question"))
        } finally {
            beat.cancel()
        }
    }

    private companion object {
        val PAGE: String = BrowserChatServer::class.java.getResource("/browser-chat/index.html")!!.readText()
    }
}

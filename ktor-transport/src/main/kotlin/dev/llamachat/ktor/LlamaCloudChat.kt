package dev.llamachat.ktor

import dev.llamachat.ChatApi
import dev.llamachat.ChatEvent
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.internal.PageSerializer
import dev.llamachat.internal.SessionSerializer
import dev.llamachat.internal.SessionSummarySerializer
import dev.llamachat.ktor.internal.ClientSettings
import dev.llamachat.ktor.internal.HttpClients
import dev.llamachat.ktor.internal.HttpTransport
import dev.llamachat.ktor.internal.Requests
import dev.llamachat.ktor.internal.StreamCall
import java.io.Closeable
import kotlinx.coroutines.flow.Flow

/**
 * The LlamaCloud Chat API over HTTP: [ChatApi] on a Ktor `HttpClient` (OkHttp unless configured otherwise).
 *
 * Create one per application and share it: it is thread-safe, and all calls and streams share its connections.
 * Close it when done; that closes the HTTP client it created (a caller's own client stays open).
 *
 * ```kotlin
 * LlamaCloudChat.fromEnv().use { chat ->                       // LLAMA_CLOUD_API_KEY, LLAMA_CLOUD_BASE_URL
 *     val session = chat.startSession(indexIds = listOf("idx-abc123"))
 *     session.send("What were the main findings in Q3?").collect { event ->
 *         if (event is ChatEvent.TextDelta) print(event.content)
 *     }
 * }
 * val local = LlamaCloudChat { apiKey = "test"; baseUrl = "http://127.0.0.1:8080" }
 * ```
 *
 * Every call validates its arguments before any request ([IllegalArgumentException]), retries as
 * [LlamaCloudChatConfig.maxRetries] describes, and reports failures as [dev.llamachat.LlamaCloudException]s:
 * [dev.llamachat.ApiException] subclasses for error statuses, [dev.llamachat.LlamaCloudIoException] and
 * [dev.llamachat.LlamaCloudTimeoutException] when no answer came, [dev.llamachat.StreamException]s mid-stream.
 * Cancelling a call's coroutine (or a stream's collector) cancels its request and closes its response at once;
 * `CancellationException` is never wrapped, and a call cancelled under the caller by the HTTP client (a caller's
 * own client with its own timeouts) fails with an exception, never a silent cancellation. Calls after [close]
 * fail with [IllegalStateException].
 */
public class LlamaCloudChat private constructor(private val transport: HttpTransport) : ChatApi, Closeable {
    private val requests = Requests(transport.settings.organizationId, transport.settings.projectId)

    /** The base URL calls go to, without a trailing slash. */
    public val baseUrl: String get() = transport.settings.baseUrl

    override suspend fun listPage(pageSize: Int?, pageToken: String?, organizationId: String?, projectId: String?): Page<SessionSummary> {
        val request = requests.list(pageSize, pageToken, organizationId, projectId)
        return transport.call(request) { transport.decode(request, it, PAGE, "a page of sessions") }
    }

    override suspend fun create(indexIds: List<String>?, organizationId: String?, projectId: String?): SessionSummary {
        val request = requests.create(indexIds, organizationId, projectId)
        return transport.call(request) { transport.decode(request, it, SessionSummarySerializer, "a session summary") }
    }

    override suspend fun retrieve(sessionId: String, organizationId: String?, projectId: String?): Session {
        val request = requests.retrieve(sessionId, organizationId, projectId)
        return transport.call(request) { transport.decode(request, it, SessionSerializer, "a session") }
    }

    override suspend fun delete(sessionId: String, organizationId: String?, projectId: String?) {
        transport.call(requests.delete(sessionId, organizationId, projectId)) { }
    }

    override suspend fun summary(sessionId: String, organizationId: String?, projectId: String?): SessionSummary {
        val request = requests.summary(sessionId, organizationId, projectId)
        return transport.call(request) { transport.decode(request, it, SessionSummarySerializer, "a session summary") }
    }

    override suspend fun generateTitle(sessionId: String, firstMessage: String, organizationId: String?, projectId: String?): SessionSummary {
        val request = requests.title(sessionId, firstMessage, organizationId, projectId)
        return transport.call(request) { transport.decode(request, it, SessionSummarySerializer, "a session summary") }
    }

    /**
     * Runs one chat turn (see [ChatApi.stream]). The arguments are checked now; each collection sends the
     * request. Events are emitted as each arrives, in the collector's coroutine; a stream silent for longer than
     * [LlamaCloudChatConfig.streamIdleTimeout] fails with [dev.llamachat.StreamIdleTimeoutException].
     */
    override fun stream(sessionId: String, prompt: String, indexIds: List<String>, organizationId: String?, projectId: String?): Flow<ChatEvent> =
        StreamCall(transport, requests.stream(sessionId, prompt, indexIds, organizationId, projectId)).flow()

    /**
     * Closes the HTTP client this instance created (not a caller's own client or engine). Calls and streams
     * already running finish (Ktor closes gracefully); new calls fail with [IllegalStateException]. Idempotent.
     */
    override fun close() {
        transport.close()
    }

    /** Shows the base URL and default ids, never the API key. */
    override fun toString(): String = with(transport.settings) {
        "LlamaCloudChat(baseUrl=$baseUrl, organizationId=$organizationId, projectId=$projectId)"
    }

    public companion object {
        /** The service's default (US) base URL. */
        public const val DEFAULT_BASE_URL: String = "https://api.cloud.llamaindex.ai"

        /** The service's EU base URL. */
        public const val EU_BASE_URL: String = "https://api.cloud.eu.llamaindex.ai"

        private val PAGE = PageSerializer(SessionSummarySerializer)

        /**
         * A client configured from the environment only: `LLAMA_CLOUD_API_KEY` (else `LLAMA_PARSE_API_KEY`) and
         * `LLAMA_CLOUD_BASE_URL` (see [LlamaCloudChatConfig.loadEnvironment]); every other setting is its default.
         * @throws IllegalArgumentException if no API key is set, or a setting is invalid.
         */
        @JvmStatic
        public fun fromEnv(): LlamaCloudChat = fromEnv { }

        /**
         * A client configured from the environment, then by [configure], whose settings win.
         * @throws IllegalArgumentException if no API key is set either way, or a setting is invalid.
         */
        @JvmSynthetic
        public fun fromEnv(configure: LlamaCloudChatConfig.() -> Unit): LlamaCloudChat =
            create(LlamaCloudChatConfig().apply { loadEnvironment() }.apply(configure))

        /**
         * A client configured by [configure] alone (the environment is not read): `LlamaCloudChat { apiKey = ... }`.
         * @throws IllegalArgumentException if no API key is set, or a setting is invalid.
         */
        @JvmSynthetic
        public operator fun invoke(configure: LlamaCloudChatConfig.() -> Unit): LlamaCloudChat =
            create(LlamaCloudChatConfig().apply(configure))

        /**
         * A client with the settings of [config], validated now; later changes to [config] do not affect it.
         * @throws IllegalArgumentException if no API key is set, or a setting is invalid (the message names it).
         */
        @JvmStatic
        public fun create(config: LlamaCloudChatConfig): LlamaCloudChat {
            val settings = ClientSettings.from(config)
            return LlamaCloudChat(HttpTransport(settings, HttpClients.create(config, settings)))
        }
    }
}

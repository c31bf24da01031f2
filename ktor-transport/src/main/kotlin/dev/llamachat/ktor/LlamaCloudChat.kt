package dev.llamachat.ktor

import dev.llamachat.ChatApi
import dev.llamachat.ChatEvent
import dev.llamachat.ChatTurn
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.internal.PageSerializer
import dev.llamachat.internal.SessionSerializer
import dev.llamachat.internal.SessionSummarySerializer
import dev.llamachat.collectTurn
import dev.llamachat.ktor.internal.ClientSettings
import dev.llamachat.ktor.internal.EventStreamBody
import dev.llamachat.ktor.internal.HttpClients
import dev.llamachat.ktor.internal.HttpTransport
import dev.llamachat.ktor.internal.JsonBody
import dev.llamachat.ktor.internal.NoContentBody
import dev.llamachat.ktor.internal.Requests
import dev.llamachat.ktor.internal.Timing
import java.io.Closeable
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

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
 *     val quick = chat.withOptions { timeout = 5.seconds; maxRetries = 0 }   // same connections, other options
 *     val page = chat.withRawResponse().listPage()                            // page.value, page.requestId, ...
 * }
 * ```
 *
 * Every call validates its arguments before any request ([IllegalArgumentException]), retries as
 * [LlamaCloudChatConfig.maxRetries] describes (never repeating work the service may have done), and reports
 * failures as [dev.llamachat.LlamaCloudException]s: [dev.llamachat.ApiException] subclasses for error statuses,
 * [dev.llamachat.LlamaCloudIoException] when the connection failed or a body broke off,
 * [dev.llamachat.LlamaCloudTimeoutException] when no answer came in time, [dev.llamachat.StreamException]s
 * mid-stream; each carries the response's request id when there was a response.
 * Cancelling a call's coroutine (or a stream's collector) cancels its request and closes its response at once;
 * `CancellationException` is never wrapped, and a call cancelled under the caller by the HTTP client (a caller's
 * own client with its own timeouts) fails with an exception, never a silent cancellation. Calls after [close]
 * fail with [IllegalStateException].
 */
public class LlamaCloudChat private constructor(
    private val transport: HttpTransport,
    /** False for a client derived by [withOptions]: closing it closes nothing of the original's. */
    private val ownsClient: Boolean,
) : ChatApi, Closeable {
    private val requests = Requests(transport.settings.organizationId, transport.settings.projectId)

    /** The base URL calls go to, without a trailing slash. */
    public val baseUrl: String get() = transport.settings.baseUrl

    override suspend fun listPage(pageSize: Int?, pageToken: String?, organizationId: String?, projectId: String?): Page<SessionSummary> =
        transport.execute(requests.list(pageSize, pageToken, organizationId, projectId), Answers.PAGE).value

    override suspend fun create(indexIds: List<String>?, organizationId: String?, projectId: String?): SessionSummary =
        transport.execute(requests.create(indexIds, organizationId, projectId), Answers.SUMMARY).value

    override suspend fun retrieve(sessionId: String, organizationId: String?, projectId: String?): Session =
        transport.execute(requests.retrieve(sessionId, organizationId, projectId), Answers.SESSION).value

    override suspend fun delete(sessionId: String, organizationId: String?, projectId: String?) {
        transport.execute(requests.delete(sessionId, organizationId, projectId), NoContentBody)
    }

    override suspend fun summary(sessionId: String, organizationId: String?, projectId: String?): SessionSummary =
        transport.execute(requests.summary(sessionId, organizationId, projectId), Answers.SUMMARY).value

    override suspend fun generateTitle(sessionId: String, firstMessage: String, organizationId: String?, projectId: String?): SessionSummary =
        transport.execute(requests.title(sessionId, firstMessage, organizationId, projectId), Answers.SUMMARY).value

    /**
     * Runs one chat turn (see [ChatApi.stream]). The arguments are checked now; each collection sends the
     * request. Events are emitted as each arrives, in the collector's coroutine; a stream silent for longer than
     * [LlamaCloudChatConfig.streamIdleTimeout] fails with [dev.llamachat.StreamIdleTimeoutException].
     */
    override fun stream(sessionId: String, prompt: String, indexIds: List<String>, organizationId: String?, projectId: String?): Flow<ChatEvent> {
        val request = requests.stream(sessionId, prompt, indexIds, organizationId, projectId)
        return EventStreamBody.flow(transport, request)
    }

    /**
     * A client whose calls (streams included) use [options] on top of this client's settings: another timeout
     * or retry count, extra headers or query parameters. It shares this client's connections; closing it closes
     * nothing (close the original when done). Cheap: derive one per call if need be.
     * @throws IllegalArgumentException if an option is invalid (the message names it).
     */
    public fun withOptions(options: RequestOptions): LlamaCloudChat = LlamaCloudChat(transport.with(options), ownsClient = false)

    /** [withOptions] configured by a block: `chat.withOptions { timeout = 5.seconds; header("traceparent", id) }`. */
    @JvmSynthetic
    public fun withOptions(configure: RequestOptions.() -> Unit): LlamaCloudChat = withOptions(RequestOptions().apply(configure))

    /** This client's calls, each returning its typed result with the response's status, headers and request id. */
    public fun withRawResponse(): WithRawResponse = WithRawResponse()

    /**
     * The calls of [LlamaCloudChat] (with its options), each returning an [ApiResponse]: the same typed value the
     * plain call returns, with the status, headers and request id of the response it came in.
     */
    public inner class WithRawResponse internal constructor() {
        /** [ChatApi.listPage] with its response. */
        public suspend fun listPage(pageSize: Int? = null, pageToken: String? = null, organizationId: String? = null, projectId: String? = null): ApiResponse<Page<SessionSummary>> =
            transport.execute(requests.list(pageSize, pageToken, organizationId, projectId), Answers.PAGE)

        /** [ChatApi.create] with its response. */
        public suspend fun create(indexIds: List<String>? = null, organizationId: String? = null, projectId: String? = null): ApiResponse<SessionSummary> =
            transport.execute(requests.create(indexIds, organizationId, projectId), Answers.SUMMARY)

        /** [ChatApi.retrieve] with its response. */
        public suspend fun retrieve(sessionId: String, organizationId: String? = null, projectId: String? = null): ApiResponse<Session> =
            transport.execute(requests.retrieve(sessionId, organizationId, projectId), Answers.SESSION)

        /** [ChatApi.delete] with its response (a 404 found by a retry after a lost answer is reported as it came). */
        public suspend fun delete(sessionId: String, organizationId: String? = null, projectId: String? = null): ApiResponse<Unit> =
            transport.execute(requests.delete(sessionId, organizationId, projectId), NoContentBody)

        /** [ChatApi.summary] with its response. */
        public suspend fun summary(sessionId: String, organizationId: String? = null, projectId: String? = null): ApiResponse<SessionSummary> =
            transport.execute(requests.summary(sessionId, organizationId, projectId), Answers.SUMMARY)

        /** [ChatApi.generateTitle] with its response. */
        public suspend fun generateTitle(sessionId: String, firstMessage: String, organizationId: String? = null, projectId: String? = null): ApiResponse<SessionSummary> =
            transport.execute(requests.title(sessionId, firstMessage, organizationId, projectId), Answers.SUMMARY)

        /**
         * Runs one chat turn to its end (see [ChatApi.stream]) and returns what it left behind with the stream's
         * response; [onEvent] sees each event as it arrives (to show the answer while it streams). A failure
         * mid-stream is a [dev.llamachat.StreamException] carrying the same request id.
         */
        public suspend fun ask(
            sessionId: String,
            prompt: String,
            indexIds: List<String>,
            organizationId: String? = null,
            projectId: String? = null,
            onEvent: suspend (ChatEvent) -> Unit = {},
        ): ApiResponse<ChatTurn> {
            val request = requests.stream(sessionId, prompt, indexIds, organizationId, projectId)
            var response: ApiResponse<Unit>? = null
            val turn = flow { response = transport.execute(request, EventStreamBody(this, transport.settings)) }.collectTurn(onEvent)
            // The flow completes only after execute returned, so the response is there.
            val head = checkNotNull(response)
            return ApiResponse(head.status, head.headers, turn)
        }
    }

    /**
     * Closes the HTTP client this instance created (not a caller's own client or engine). Calls and streams
     * already running finish (Ktor closes gracefully); new calls fail with [IllegalStateException]. Idempotent.
     * On a client from [withOptions], does nothing: the original owns the connections.
     */
    override fun close() {
        if (ownsClient) transport.close()
    }

    /** Shows the base URL and default ids, never the API key. */
    override fun toString(): String = with(transport.settings) {
        "LlamaCloudChat(baseUrl=$baseUrl, organizationId=$organizationId, projectId=$projectId)"
    }

    /**
     * The readers of the ordinary calls' answers, made at the first such call: an application that only streams
     * never loads the model serializers and kotlinx's descriptors under them (about 40 classes, a few KB of heap
     * for as long as the application runs: issue 13's memory figure).
     */
    private object Answers {
        val PAGE = JsonBody(PageSerializer(SessionSummarySerializer), "a page of sessions")
        val SUMMARY = JsonBody(SessionSummarySerializer, "a session summary")
        val SESSION = JsonBody(SessionSerializer, "a session")
    }

    public companion object {
        /** The service's default (US) base URL. */
        public const val DEFAULT_BASE_URL: String = "https://api.cloud.llamaindex.ai"

        /** The service's EU base URL. */
        public const val EU_BASE_URL: String = "https://api.cloud.eu.llamaindex.ai"


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
        public fun create(config: LlamaCloudChatConfig): LlamaCloudChat = create(config, Timing())

        /** [create] with [timing]: the SDK's own tests record the retry waits and move the deadlines by hand. */
        internal fun create(config: LlamaCloudChatConfig, timing: Timing): LlamaCloudChat {
            val settings = ClientSettings.from(config, timing)
            return LlamaCloudChat(HttpTransport(settings, HttpClients.create(config, settings)), ownsClient = true)
        }
    }
}

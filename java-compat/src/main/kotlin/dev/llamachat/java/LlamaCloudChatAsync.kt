package dev.llamachat.java

import dev.llamachat.ChatApi
import dev.llamachat.ChatEvent
import dev.llamachat.ChatTurn
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.collectTurn
import dev.llamachat.internal.Arguments
import dev.llamachat.java.internal.ClientSettings
import dev.llamachat.java.internal.CoroutineBridge
import dev.llamachat.java.internal.DefaultAsyncChatSession
import dev.llamachat.java.internal.Defaults.DEFAULT_CREATE
import dev.llamachat.java.internal.Defaults.DEFAULT_LIST
import dev.llamachat.java.internal.Defaults.DEFAULT_SCOPE
import dev.llamachat.java.internal.PagingSessionIterable
import dev.llamachat.java.internal.copyIds
import dev.llamachat.java.internal.createClient
import dev.llamachat.java.internal.sessionFlow
import dev.llamachat.ktor.LlamaCloudChat
import java.io.Closeable
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor
import java.util.concurrent.Flow
import java.util.concurrent.atomic.AtomicBoolean
import java.util.function.Consumer
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher

/**
 * The LlamaCloud Chat API for Java: every endpoint as a [CompletableFuture], a chat turn and the session listing
 * as [Flow.Publisher]s, and blocking forms ([EventStream], [SessionIterable]) for code that wants neither.
 *
 * ```java
 * try (LlamaCloudChatAsync chat = LlamaCloudChatAsync.fromEnv()) {
 *     SessionSummary s = chat.create(CreateSessionParams.builder().addIndexId("idx-demo").build()).join();
 *     StreamParams q3 = StreamParams.builder().prompt("What were the main findings in Q3?").addIndexId("idx-demo").build();
 *     try (EventStream events = chat.streamBlocking(s.getSessionId(), q3)) {
 *         for (ChatEvent e : events) if (e instanceof ChatEvent.TextDelta d) System.out.print(d.getContent());
 *     }
 * }
 * ```
 *
 * Arguments that can never be valid (a blank session id, a bad parameter object) throw
 * [IllegalArgumentException] before any request. Futures complete on the client's executor (Dispatchers.IO
 * unless [Builder.executor] names one) with the result, or exceptionally with the same typed
 * `LlamaCloudException` a Kotlin caller sees (`join()` wraps it in `CompletionException`, `get()` in
 * `ExecutionException`). `cancel(true)` on a future cancels its request. A publisher is cold: each subscription
 * makes the call again, starting it at once; it never delivers beyond `request(n)`, and `Subscription.cancel()`
 * closes the HTTP stream at once. [close] cancels whatever is still running. Thread-safe.
 */
public class LlamaCloudChatAsync private constructor(
    private val api: ChatApi,
    private val owned: Closeable?,
    dispatcher: CoroutineDispatcher,
) : Closeable {
    private val bridge = CoroutineBridge(dispatcher)
    private val closed = AtomicBoolean()

    /** The first page of the default project's sessions, most recently updated first. */
    public fun listPage(): CompletableFuture<Page<SessionSummary>> = listPage(DEFAULT_LIST)

    /** One page of sessions; pass a previous page's `nextPageToken` in [params] for the next one. */
    public fun listPage(params: ListParams): CompletableFuture<Page<SessionSummary>> = bridge.future {
        api.listPage(
            params.pageSize().let { if (it.isPresent) it.asInt else null },
            params.pageToken().orElse(null),
            params.organizationId().orElse(null),
            params.projectId().orElse(null),
        )
    }

    /** Every session of the default project, paging lazily, for blocking code (see [SessionIterable]). */
    public fun listAll(): SessionIterable = listAll(DEFAULT_LIST)

    /** Every session from [params]' page on, paging lazily, for blocking code (see [SessionIterable]). */
    public fun listAll(params: ListParams): SessionIterable = PagingSessionIterable(bridge, api, params)

    /**
     * Every session of the default project as a publisher. Subscribing fetches the first page; each next page is
     * fetched only when demand reaches it. A failed page is signalled as its typed exception through `onError`.
     */
    public fun listPublisher(): Flow.Publisher<SessionSummary> = listPublisher(DEFAULT_LIST)

    /** Every session from [params]' page on, as a publisher (see [listPublisher]); cancelling stops paging. */
    public fun listPublisher(params: ListParams): Flow.Publisher<SessionSummary> =
        bridge.publisher(sessionFlow(api, params))

    /** Creates an unbound session under the default project. Not retried once the service may have acted. */
    public fun create(): CompletableFuture<SessionSummary> = create(DEFAULT_CREATE)

    /** Creates a session, bound to [params]' indexes if it names any. */
    public fun create(params: CreateSessionParams): CompletableFuture<SessionSummary> = bridge.future {
        api.create(params.indexIds().orElse(null), params.organizationId().orElse(null), params.projectId().orElse(null))
    }

    /** The full session with its event history; fails with `NotFoundException` if there is none. */
    public fun retrieve(sessionId: String): CompletableFuture<Session> = retrieve(sessionId, DEFAULT_SCOPE)

    /** The full session with its event history, under [scope]'s organization and project. */
    public fun retrieve(sessionId: String, scope: RequestScope): CompletableFuture<Session> {
        Arguments.sessionId(sessionId)
        return bridge.future { api.retrieve(sessionId, scope.organizationId().orElse(null), scope.projectId().orElse(null)) }
    }

    /** The session's summary, without its history. */
    public fun summary(sessionId: String): CompletableFuture<SessionSummary> = summary(sessionId, DEFAULT_SCOPE)

    /** The session's summary, under [scope]'s organization and project. */
    public fun summary(sessionId: String, scope: RequestScope): CompletableFuture<SessionSummary> {
        Arguments.sessionId(sessionId)
        return bridge.future { api.summary(sessionId, scope.organizationId().orElse(null), scope.projectId().orElse(null)) }
    }

    /** Deletes the session; the future completes with null. Later calls on it fail with `NotFoundException`. */
    public fun delete(sessionId: String): CompletableFuture<Void?> = delete(sessionId, DEFAULT_SCOPE)

    /** Deletes the session under [scope]'s organization and project. */
    public fun delete(sessionId: String, scope: RequestScope): CompletableFuture<Void?> {
        Arguments.sessionId(sessionId)
        return bridge.future {
            api.delete(sessionId, scope.organizationId().orElse(null), scope.projectId().orElse(null))
            null
        }
    }

    /** Generates the session's title from [params]' first message and returns the updated summary. */
    public fun generateTitle(sessionId: String, params: TitleParams): CompletableFuture<SessionSummary> {
        Arguments.sessionId(sessionId)
        return bridge.future {
            api.generateTitle(sessionId, params.getFirstMessage(), params.organizationId().orElse(null), params.projectId().orElse(null))
        }
    }

    /**
     * One chat turn as a cold publisher: each subscription runs the turn again. Subscribing sends the prompt at
     * once; events are delivered as demand allows (never beyond `request(n)`), ending with `onComplete` after
     * `ChatEvent.Stop`. A refused call signals its typed `ApiException` through `onError` without waiting for demand
     * (`ConflictException` if [params]' indexes differ from the session's locked set, `NotFoundException` for an
     * unknown session); a stream that breaks or ends early signals a `StreamException` after the events that
     * arrived. `cancel()` closes the connection at once. Passes the Reactive Streams TCK.
     */
    public fun stream(sessionId: String, params: StreamParams): Flow.Publisher<ChatEvent> =
        bridge.publisher(turn(sessionId, params))

    /** Runs one turn to its end and returns what it left behind (text, thinking, tool uses, usage). */
    public fun ask(sessionId: String, params: StreamParams): CompletableFuture<ChatTurn> {
        val turn = turn(sessionId, params)
        return bridge.future { turn.collectTurn() }
    }

    /**
     * Runs one turn to its end, passing each event to [onEvent] as it arrives (on the client's executor), and
     * returns what it left behind. If [onEvent] throws, the turn is stopped and the future fails with that.
     */
    public fun ask(sessionId: String, params: StreamParams, onEvent: Consumer<ChatEvent>): CompletableFuture<ChatTurn> {
        val turn = turn(sessionId, params)
        return bridge.future { turn.collectTurn { onEvent.accept(it) } }
    }

    /** One turn as a blocking, closeable [EventStream]; the turn starts now. Close it to stop early. */
    public fun streamBlocking(sessionId: String, params: StreamParams): EventStream =
        bridge.eventStream(turn(sessionId, params))

    /** Creates an unbound session and returns a handle on it. */
    public fun startSession(): CompletableFuture<AsyncChatSession> = startSession(DEFAULT_CREATE)

    /** Creates a session (see [create]) and returns a handle that remembers its indexes and project. */
    public fun startSession(params: CreateSessionParams): CompletableFuture<AsyncChatSession> = bridge.future {
        val org = params.organizationId().orElse(null)
        val project = params.projectId().orElse(null)
        DefaultAsyncChatSession(api.startSession(params.indexIds().orElse(null), org, project), bridge)
    }

    /** A handle on an existing session whose bound indexes are unknown (its next turn sends none), without a request. */
    public fun session(sessionId: String): AsyncChatSession = session(sessionId, null, DEFAULT_SCOPE)

    /** A handle on an existing session bound to [indexIds], without a request. */
    public fun session(sessionId: String, indexIds: List<String>?): AsyncChatSession =
        session(sessionId, indexIds, DEFAULT_SCOPE)

    /** A handle on an existing session bound to [indexIds] (null if unbound), under [scope], without a request. */
    public fun session(sessionId: String, indexIds: List<String>?, scope: RequestScope): AsyncChatSession {
        Arguments.sessionId(sessionId)
        val ids = indexIds?.let { Arguments.indexIds(copyIds("indexIds", it)) }
        val session = api.session(sessionId, ids, scope.organizationId().orElse(null), scope.projectId().orElse(null))
        return DefaultAsyncChatSession(session, bridge)
    }

    /** A handle on the session [summary] describes (its id and bound indexes), without a request. */
    public fun session(summary: SessionSummary): AsyncChatSession = session(summary, DEFAULT_SCOPE)

    /** A handle on the session [summary] describes, under [scope], without a request. */
    public fun session(summary: SessionSummary, scope: RequestScope): AsyncChatSession =
        session(summary.sessionId, summary.indexIds, scope)

    /**
     * Cancels every call and stream still running (their futures complete with `CancellationException`, their
     * subscribers get `onError(CancellationException)`) and, if this client made its HTTP client, closes it.
     * Later calls throw [IllegalStateException]. Idempotent; throws no checked exception.
     */
    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        bridge.close()
        owned?.close()
    }

    override fun toString(): String = "LlamaCloudChatAsync($api)"

    private fun turn(sessionId: String, params: StreamParams): kotlinx.coroutines.flow.Flow<ChatEvent> {
        Arguments.sessionId(sessionId)
        return api.stream(
            sessionId, params.getPrompt(), params.getIndexIds(), params.organizationId().orElse(null), params.projectId().orElse(null),
        )
    }

    /**
     * Configures a [LlamaCloudChatAsync]; get one from [LlamaCloudChatAsync.builder]. Unset values take the
     * transport's documented defaults (base URL `https://api.cloud.llamaindex.ai`, 2 retries, ...). Not thread-safe.
     *
     * ```java
     * LlamaCloudChatAsync chat = LlamaCloudChatAsync.builder()
     *     .apiKey(System.getenv("LLAMA_CLOUD_API_KEY"))
     *     .requestTimeout(Duration.ofSeconds(30))
     *     .maxRetries(3)
     *     .build();
     * ```
     */
    public class Builder internal constructor() {
        private val settings = ClientSettings()

        /**
         * Reads `LLAMA_CLOUD_API_KEY` (else `LLAMA_PARSE_API_KEY`) and `LLAMA_CLOUD_BASE_URL` from the environment;
         * values set on this builder win over them.
         */
        public fun fromEnv(): Builder = apply { settings.loadEnvironment = true }

        /** The API key, sent as a bearer token. It never appears in any message, log or `toString`. */
        public fun apiKey(apiKey: String): Builder = apply { settings.apiKey = apiKey }

        /** The service's base URL, for example `https://api.cloud.eu.llamaindex.ai`. */
        public fun baseUrl(baseUrl: String): Builder = apply { settings.baseUrl = baseUrl }

        /** The organization (a UUID) calls use unless they name one; null for the key's default. */
        public fun organizationId(organizationId: String?): Builder = apply { settings.organizationId = organizationId }

        /** The project (a UUID) calls use unless they name one; null for the key's default. */
        public fun projectId(projectId: String?): Builder = apply { settings.projectId = projectId }

        /** How long connecting may take. */
        public fun connectTimeout(timeout: Duration): Builder = apply { settings.connectTimeout = timeout }

        /** How long an ordinary (non-streaming) call may take, retries aside. */
        public fun requestTimeout(timeout: Duration): Builder = apply { settings.requestTimeout = timeout }

        /** How long a chat turn's stream may stay silent (not even a keep-alive) before it fails. */
        public fun streamIdleTimeout(timeout: Duration): Builder = apply { settings.streamIdleTimeout = timeout }

        /** How many times a failed call is retried (0 turns retries off). */
        public fun maxRetries(maxRetries: Int): Builder = apply { settings.maxRetries = maxRetries }

        /** Adds a header sent with every request (replacing an earlier value of the same name). */
        public fun putDefaultHeader(name: String, value: String): Builder = apply { settings.defaultHeaders[name] = value }

        /** Replaces all headers sent with every request. */
        public fun defaultHeaders(headers: Map<String, String>): Builder = apply {
            settings.defaultHeaders.clear()
            settings.defaultHeaders.putAll(headers)
        }

        /** Allows a plain `http://` base URL on a host other than loopback (never send a real key that way). */
        public fun allowInsecureHttp(allow: Boolean): Builder = apply { settings.allowInsecureHttp = allow }

        /** The largest single stream event accepted, in bytes; a larger one fails the turn. */
        public fun maxEventBytes(maxEventBytes: Int): Builder = apply { settings.maxEventBytes = maxEventBytes }

        /**
         * A Ktor `HttpClient` to send requests with (its engine, proxy and pool), instead of one this client makes.
         * It stays the caller's: [LlamaCloudChatAsync.close] does not close it.
         */
        public fun httpClient(httpClient: io.ktor.client.HttpClient): Builder = apply { settings.httpClient = httpClient }

        /**
         * Where futures complete and subscribers are called; the default is a shared pool for blocking work
         * (Dispatchers.IO). It stays the caller's: [LlamaCloudChatAsync.close] does not shut it down.
         */
        public fun executor(executor: Executor): Builder = apply { settings.executor = executor }

        /**
         * The client. It owns the HTTP client it makes; close it when done.
         * @throws IllegalArgumentException if there is no API key (set neither here nor, with [fromEnv], in the
         *   environment), or a value is invalid (a malformed or insecure base URL, a non-UUID id, a negative
         *   timeout or retry count).
         */
        public fun build(): LlamaCloudChatAsync {
            val chat = createClient(settings)
            return LlamaCloudChatAsync(chat, chat, dispatcherFor(settings.executor))
        }
    }

    // Private, so Java sees static builder(), fromEnv() and wrap() and no public Companion field.
    private companion object {
        /** A builder with nothing set. */
        @JvmStatic
        fun builder(): Builder = Builder()

        /**
         * A client configured from the environment (`LLAMA_CLOUD_API_KEY`, else `LLAMA_PARSE_API_KEY`, and
         * `LLAMA_CLOUD_BASE_URL`), with every other value at its default.
         * @throws IllegalArgumentException if the environment holds no API key.
         */
        @JvmStatic
        fun fromEnv(): LlamaCloudChatAsync = Builder().fromEnv().build()

        /**
         * The Java face of a Kotlin client, for code that already has one. The Kotlin client stays its creator's:
         * [close] cancels this wrapper's calls but does not close it.
         */
        @JvmStatic
        fun wrap(chat: LlamaCloudChat): LlamaCloudChatAsync = LlamaCloudChatAsync(chat, null, Dispatchers.IO)

        /** As [wrap], completing futures and calling subscribers on [executor]. */
        @JvmStatic
        fun wrap(chat: LlamaCloudChat, executor: Executor): LlamaCloudChatAsync =
            LlamaCloudChatAsync(chat, null, dispatcherFor(executor))

        fun dispatcherFor(executor: Executor?): CoroutineDispatcher = executor?.asCoroutineDispatcher() ?: Dispatchers.IO
    }
}

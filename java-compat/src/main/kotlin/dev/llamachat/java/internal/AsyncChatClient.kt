package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.ChatTurn
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.collectTurn
import dev.llamachat.internal.Arguments
import dev.llamachat.java.ChatSessionClientAsync
import dev.llamachat.java.CreateSessionParams
import dev.llamachat.java.ListParams
import dev.llamachat.java.LlamaCloudChatClient
import dev.llamachat.java.LlamaCloudChatClientAsync
import dev.llamachat.java.RequestScope
import dev.llamachat.java.StreamParams
import dev.llamachat.java.TitleParams
import dev.llamachat.java.internal.Defaults.DEFAULT_CREATE
import dev.llamachat.java.internal.Defaults.DEFAULT_LIST
import dev.llamachat.java.internal.Defaults.DEFAULT_SCOPE
import dev.llamachat.ktor.RequestOptions
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Flow
import java.util.function.Consumer

/** [LlamaCloudChatClientAsync]: each call is core's suspend call as a future, each flow a publisher, in [core]'s scope. */
internal class AsyncChatClient(private val core: ClientCore) : LlamaCloudChatClientAsync {
    private val api get() = core.api
    private val bridge get() = core.bridge

    override fun sync(): LlamaCloudChatClient = core.blocking

    override fun withOptions(options: RequestOptions): LlamaCloudChatClientAsync = core.withOptions(options).async

    override fun listPage(): CompletableFuture<Page<SessionSummary>> = listPage(DEFAULT_LIST)

    override fun listPage(params: ListParams): CompletableFuture<Page<SessionSummary>> =
        bridge.future { api.listPage(params.pageSizeOrNull(), params.pageToken().orElse(null), params.org(), params.project()) }

    override fun listAll(): Flow.Publisher<SessionSummary> = listAll(DEFAULT_LIST)

    override fun listAll(params: ListParams): Flow.Publisher<SessionSummary> = bridge.publisher(sessionFlow(api, params))

    override fun create(): CompletableFuture<SessionSummary> = create(DEFAULT_CREATE)

    override fun create(params: CreateSessionParams): CompletableFuture<SessionSummary> =
        bridge.future { api.create(params.indexIds().orElse(null), params.org(), params.project()) }

    override fun retrieve(sessionId: String): CompletableFuture<Session> = retrieve(sessionId, DEFAULT_SCOPE)

    override fun retrieve(sessionId: String, scope: RequestScope): CompletableFuture<Session> {
        Arguments.sessionId(sessionId)
        return bridge.future { api.retrieve(sessionId, scope.org(), scope.project()) }
    }

    override fun summary(sessionId: String): CompletableFuture<SessionSummary> = summary(sessionId, DEFAULT_SCOPE)

    override fun summary(sessionId: String, scope: RequestScope): CompletableFuture<SessionSummary> {
        Arguments.sessionId(sessionId)
        return bridge.future { api.summary(sessionId, scope.org(), scope.project()) }
    }

    override fun delete(sessionId: String): CompletableFuture<Void?> = delete(sessionId, DEFAULT_SCOPE)

    override fun delete(sessionId: String, scope: RequestScope): CompletableFuture<Void?> {
        Arguments.sessionId(sessionId)
        return bridge.future {
            api.delete(sessionId, scope.org(), scope.project())
            null
        }
    }

    override fun generateTitle(sessionId: String, params: TitleParams): CompletableFuture<SessionSummary> {
        Arguments.sessionId(sessionId)
        return bridge.future { api.generateTitle(sessionId, params.firstMessage(), params.org(), params.project()) }
    }

    override fun stream(sessionId: String, params: StreamParams): Flow.Publisher<ChatEvent> =
        bridge.publisher(api.turn(sessionId, params))

    override fun ask(sessionId: String, params: StreamParams): CompletableFuture<ChatTurn> {
        val turn = api.turn(sessionId, params)
        return bridge.future { turn.collectTurn() }
    }

    override fun ask(sessionId: String, params: StreamParams, onEvent: Consumer<ChatEvent>): CompletableFuture<ChatTurn> {
        val turn = api.turn(sessionId, params)
        return bridge.future { turn.collectTurn { onEvent.accept(it) } }
    }

    override fun startSession(): CompletableFuture<ChatSessionClientAsync> = startSession(DEFAULT_CREATE)

    override fun startSession(params: CreateSessionParams): CompletableFuture<ChatSessionClientAsync> = bridge.future {
        AsyncChatSession(api.startSession(params.indexIds().orElse(null), params.org(), params.project()), core)
    }

    override fun session(sessionId: String): ChatSessionClientAsync = session(sessionId, null, DEFAULT_SCOPE)

    override fun session(sessionId: String, indexIds: List<String>?): ChatSessionClientAsync =
        session(sessionId, indexIds, DEFAULT_SCOPE)

    override fun session(sessionId: String, indexIds: List<String>?, scope: RequestScope): ChatSessionClientAsync =
        AsyncChatSession(core.session(sessionId, indexIds, scope), core)

    override fun session(summary: SessionSummary): ChatSessionClientAsync = session(summary, DEFAULT_SCOPE)

    override fun session(summary: SessionSummary, scope: RequestScope): ChatSessionClientAsync =
        session(summary.sessionId, summary.indexIds, scope)

    override fun close(): Unit = core.close()

    override fun toString(): String = "LlamaCloudChatClientAsync($core)"
}

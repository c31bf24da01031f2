package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.ChatTurn
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.collectTurn
import dev.llamachat.java.ChatSessionClientAsync
import dev.llamachat.java.CreateSessionParams
import dev.llamachat.java.ListParams
import dev.llamachat.java.LlamaCloudChatClient
import dev.llamachat.java.LlamaCloudChatClientAsync
import dev.llamachat.java.RequestScope
import dev.llamachat.java.StreamParams
import dev.llamachat.java.TitleParams
import dev.llamachat.ktor.RequestOptions
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Flow
import java.util.function.Consumer

/**
 * [LlamaCloudChatClientAsync]: each call is one of [core]'s [JavaCalls] as a future, each flow a publisher, in
 * [core]'s scope. The overloads without parameters are the interface's default methods.
 */
internal class AsyncChatClient(private val core: ClientCore) : LlamaCloudChatClientAsync {
    private val api get() = core.api
    private val calls get() = core.calls
    private val bridge get() = core.bridge

    override fun sync(): LlamaCloudChatClient = core.blocking

    override fun withOptions(options: RequestOptions): LlamaCloudChatClientAsync = core.withOptions(options).async

    override fun withRawResponse(): LlamaCloudChatClientAsync.WithRawResponse = core.asyncRaw

    override fun listPage(params: ListParams): CompletableFuture<Page<SessionSummary>> = bridge.value(calls.listPage(params))

    override fun listAll(params: ListParams): Flow.Publisher<SessionSummary> = bridge.publisher(sessionFlow(api, params))

    override fun create(params: CreateSessionParams): CompletableFuture<SessionSummary> = bridge.value(calls.create(params))

    override fun retrieve(sessionId: String, scope: RequestScope): CompletableFuture<Session> =
        bridge.value(calls.retrieve(sessionId, scope))

    override fun summary(sessionId: String, scope: RequestScope): CompletableFuture<SessionSummary> =
        bridge.value(calls.summary(sessionId, scope))

    override fun delete(sessionId: String, scope: RequestScope): CompletableFuture<Void?> =
        bridge.value(calls.delete(sessionId, scope))

    override fun generateTitle(sessionId: String, params: TitleParams): CompletableFuture<SessionSummary> =
        bridge.value(calls.generateTitle(sessionId, params))

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

    override fun startSession(params: CreateSessionParams): CompletableFuture<ChatSessionClientAsync> = bridge.future {
        AsyncChatSession(api.startSession(params.indexIds().orElse(null), params.org(), params.project()), core)
    }

    override fun session(sessionId: String, indexIds: List<String>?, scope: RequestScope): ChatSessionClientAsync =
        AsyncChatSession(core.session(sessionId, indexIds, scope), core)

    override fun close(): Unit = core.close()

    override fun toString(): String = "LlamaCloudChatClientAsync($core)"
}

package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.ChatTurn
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.collectTurn
import dev.llamachat.internal.Arguments
import dev.llamachat.java.ChatSessionClient
import dev.llamachat.java.CreateSessionParams
import dev.llamachat.java.EventStream
import dev.llamachat.java.ListParams
import dev.llamachat.java.LlamaCloudChatClient
import dev.llamachat.java.LlamaCloudChatClientAsync
import dev.llamachat.java.RequestScope
import dev.llamachat.java.SessionIterable
import dev.llamachat.java.StreamParams
import dev.llamachat.java.TitleParams
import dev.llamachat.java.internal.Defaults.DEFAULT_CREATE
import dev.llamachat.java.internal.Defaults.DEFAULT_LIST
import dev.llamachat.java.internal.Defaults.DEFAULT_SCOPE
import dev.llamachat.ktor.RequestOptions
import java.util.function.Consumer

/** [LlamaCloudChatClient]: each call is core's suspend call run in [core]'s scope and awaited on the caller's thread. */
internal class BlockingChatClient(private val core: ClientCore) : LlamaCloudChatClient {
    private val api get() = core.api
    private val bridge get() = core.bridge

    override fun async(): LlamaCloudChatClientAsync = core.async

    override fun withOptions(options: RequestOptions): LlamaCloudChatClient = core.withOptions(options).blocking

    override fun withRawResponse(): LlamaCloudChatClient.WithRawResponse = BlockingRawResponses(core)

    override fun listPage(): Page<SessionSummary> = listPage(DEFAULT_LIST)

    override fun listPage(params: ListParams): Page<SessionSummary> =
        bridge.await { api.listPage(params.pageSizeOrNull(), params.pageToken().orElse(null), params.org(), params.project()) }

    override fun listAll(): SessionIterable = listAll(DEFAULT_LIST)

    override fun listAll(params: ListParams): SessionIterable = PagingSessionIterable(bridge, api, params)

    override fun create(): SessionSummary = create(DEFAULT_CREATE)

    override fun create(params: CreateSessionParams): SessionSummary =
        bridge.await { api.create(params.indexIds().orElse(null), params.org(), params.project()) }

    override fun retrieve(sessionId: String): Session = retrieve(sessionId, DEFAULT_SCOPE)

    override fun retrieve(sessionId: String, scope: RequestScope): Session {
        Arguments.sessionId(sessionId)
        return bridge.await { api.retrieve(sessionId, scope.org(), scope.project()) }
    }

    override fun summary(sessionId: String): SessionSummary = summary(sessionId, DEFAULT_SCOPE)

    override fun summary(sessionId: String, scope: RequestScope): SessionSummary {
        Arguments.sessionId(sessionId)
        return bridge.await { api.summary(sessionId, scope.org(), scope.project()) }
    }

    override fun delete(sessionId: String): Unit = delete(sessionId, DEFAULT_SCOPE)

    override fun delete(sessionId: String, scope: RequestScope) {
        Arguments.sessionId(sessionId)
        bridge.await { api.delete(sessionId, scope.org(), scope.project()) }
    }

    override fun generateTitle(sessionId: String, params: TitleParams): SessionSummary {
        Arguments.sessionId(sessionId)
        return bridge.await { api.generateTitle(sessionId, params.firstMessage(), params.org(), params.project()) }
    }

    override fun stream(sessionId: String, params: StreamParams): EventStream = bridge.eventStream(api.turn(sessionId, params))

    override fun ask(sessionId: String, params: StreamParams): ChatTurn {
        val turn = api.turn(sessionId, params)
        return bridge.await { turn.collectTurn() }
    }

    override fun ask(sessionId: String, params: StreamParams, onEvent: Consumer<ChatEvent>): ChatTurn =
        collectBlocking(stream(sessionId, params), onEvent)

    override fun startSession(): ChatSessionClient = startSession(DEFAULT_CREATE)

    override fun startSession(params: CreateSessionParams): ChatSessionClient =
        BlockingChatSession(bridge.await { api.startSession(params.indexIds().orElse(null), params.org(), params.project()) }, core)

    override fun session(sessionId: String): ChatSessionClient = session(sessionId, null, DEFAULT_SCOPE)

    override fun session(sessionId: String, indexIds: List<String>?): ChatSessionClient =
        session(sessionId, indexIds, DEFAULT_SCOPE)

    override fun session(sessionId: String, indexIds: List<String>?, scope: RequestScope): ChatSessionClient =
        BlockingChatSession(core.session(sessionId, indexIds, scope), core)

    override fun session(summary: SessionSummary): ChatSessionClient = session(summary, DEFAULT_SCOPE)

    override fun session(summary: SessionSummary, scope: RequestScope): ChatSessionClient =
        session(summary.sessionId, summary.indexIds, scope)

    override fun close(): Unit = core.close()

    override fun toString(): String = "LlamaCloudChatClient($core)"
}

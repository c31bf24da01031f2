package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.ChatTurn
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
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
import dev.llamachat.ktor.RequestOptions
import java.util.function.Consumer

/**
 * [LlamaCloudChatClient]: each call is its asynchronous twin's, awaited on the caller's thread ([awaitBlocking]
 * throws the typed failure itself); a turn is read as a blocking [EventStream] and the listing as a
 * [SessionIterable]. The overloads without parameters are the interface's default methods.
 */
internal class BlockingChatClient(private val core: ClientCore) : LlamaCloudChatClient {
    private val async: LlamaCloudChatClientAsync get() = core.async

    override fun async(): LlamaCloudChatClientAsync = core.async

    override fun withOptions(options: RequestOptions): LlamaCloudChatClient = core.withOptions(options).blocking

    override fun withRawResponse(): LlamaCloudChatClient.WithRawResponse = core.blockingRaw

    override fun listPage(params: ListParams): Page<SessionSummary> = async.listPage(params).awaitBlocking()

    override fun listAll(params: ListParams): SessionIterable = PagingSessionIterable(core.bridge, core.api, params)

    override fun create(params: CreateSessionParams): SessionSummary = async.create(params).awaitBlocking()

    override fun retrieve(sessionId: String, scope: RequestScope): Session = async.retrieve(sessionId, scope).awaitBlocking()

    override fun summary(sessionId: String, scope: RequestScope): SessionSummary = async.summary(sessionId, scope).awaitBlocking()

    override fun delete(sessionId: String, scope: RequestScope) {
        async.delete(sessionId, scope).awaitBlocking()
    }

    override fun generateTitle(sessionId: String, params: TitleParams): SessionSummary =
        async.generateTitle(sessionId, params).awaitBlocking()

    override fun stream(sessionId: String, params: StreamParams): EventStream =
        core.bridge.eventStream(core.api.turn(sessionId, params))

    override fun ask(sessionId: String, params: StreamParams): ChatTurn = async.ask(sessionId, params).awaitBlocking()

    override fun ask(sessionId: String, params: StreamParams, onEvent: Consumer<ChatEvent>): ChatTurn =
        collectBlocking(stream(sessionId, params), onEvent)

    override fun startSession(params: CreateSessionParams): ChatSessionClient = async.startSession(params).awaitBlocking().sync()

    override fun session(sessionId: String, indexIds: List<String>?, scope: RequestScope): ChatSessionClient =
        async.session(sessionId, indexIds, scope).sync()

    override fun close(): Unit = core.close()

    override fun toString(): String = "LlamaCloudChatClient($core)"
}

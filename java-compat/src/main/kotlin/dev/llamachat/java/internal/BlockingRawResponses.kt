package dev.llamachat.java.internal

import dev.llamachat.ChatTurn
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.java.CreateSessionParams
import dev.llamachat.java.ListParams
import dev.llamachat.java.LlamaCloudChatClient
import dev.llamachat.java.LlamaCloudChatClientAsync
import dev.llamachat.java.RequestScope
import dev.llamachat.java.StreamParams
import dev.llamachat.java.TitleParams
import dev.llamachat.ktor.ApiResponse

/** [LlamaCloudChatClient.WithRawResponse]: the asynchronous raw-response calls, awaited on the caller's thread. */
internal class BlockingRawResponses(private val core: ClientCore) : LlamaCloudChatClient.WithRawResponse {
    private val async: LlamaCloudChatClientAsync.WithRawResponse get() = core.asyncRaw

    override fun listPage(params: ListParams): ApiResponse<Page<SessionSummary>> = async.listPage(params).awaitBlocking()

    override fun create(params: CreateSessionParams): ApiResponse<SessionSummary> = async.create(params).awaitBlocking()

    override fun retrieve(sessionId: String, scope: RequestScope): ApiResponse<Session> =
        async.retrieve(sessionId, scope).awaitBlocking()

    override fun summary(sessionId: String, scope: RequestScope): ApiResponse<SessionSummary> =
        async.summary(sessionId, scope).awaitBlocking()

    override fun delete(sessionId: String, scope: RequestScope): ApiResponse<Void?> = async.delete(sessionId, scope).awaitBlocking()

    override fun generateTitle(sessionId: String, params: TitleParams): ApiResponse<SessionSummary> =
        async.generateTitle(sessionId, params).awaitBlocking()

    override fun ask(sessionId: String, params: StreamParams): ApiResponse<ChatTurn> = async.ask(sessionId, params).awaitBlocking()

    override fun toString(): String = "LlamaCloudChatClient.WithRawResponse($core)"
}

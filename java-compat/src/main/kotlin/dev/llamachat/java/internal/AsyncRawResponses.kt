package dev.llamachat.java.internal

import dev.llamachat.ChatTurn
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.java.CreateSessionParams
import dev.llamachat.java.ListParams
import dev.llamachat.java.LlamaCloudChatClientAsync
import dev.llamachat.java.RequestScope
import dev.llamachat.java.StreamParams
import dev.llamachat.java.TitleParams
import dev.llamachat.ktor.ApiResponse
import java.util.concurrent.CompletableFuture

/** [LlamaCloudChatClientAsync.WithRawResponse]: each of [core]'s [JavaCalls] as a future of its whole response. */
internal class AsyncRawResponses(private val core: ClientCore) : LlamaCloudChatClientAsync.WithRawResponse {
    private val calls get() = core.calls
    private val bridge get() = core.bridge

    override fun listPage(params: ListParams): CompletableFuture<ApiResponse<Page<SessionSummary>>> =
        bridge.response(calls.listPage(params))

    override fun create(params: CreateSessionParams): CompletableFuture<ApiResponse<SessionSummary>> =
        bridge.response(calls.create(params))

    override fun retrieve(sessionId: String, scope: RequestScope): CompletableFuture<ApiResponse<Session>> =
        bridge.response(calls.retrieve(sessionId, scope))

    override fun summary(sessionId: String, scope: RequestScope): CompletableFuture<ApiResponse<SessionSummary>> =
        bridge.response(calls.summary(sessionId, scope))

    override fun delete(sessionId: String, scope: RequestScope): CompletableFuture<ApiResponse<Void?>> =
        bridge.response(calls.delete(sessionId, scope))

    override fun generateTitle(sessionId: String, params: TitleParams): CompletableFuture<ApiResponse<SessionSummary>> =
        bridge.response(calls.generateTitle(sessionId, params))

    override fun ask(sessionId: String, params: StreamParams): CompletableFuture<ApiResponse<ChatTurn>> =
        bridge.response(calls.ask(sessionId, params))

    override fun toString(): String = "LlamaCloudChatClientAsync.WithRawResponse($core)"
}

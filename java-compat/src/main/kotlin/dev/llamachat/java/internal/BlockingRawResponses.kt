package dev.llamachat.java.internal

import dev.llamachat.ChatTurn
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.internal.Arguments
import dev.llamachat.java.CreateSessionParams
import dev.llamachat.java.ListParams
import dev.llamachat.java.LlamaCloudChatClient
import dev.llamachat.java.RequestScope
import dev.llamachat.java.StreamParams
import dev.llamachat.java.TitleParams
import dev.llamachat.java.internal.Defaults.DEFAULT_CREATE
import dev.llamachat.java.internal.Defaults.DEFAULT_LIST
import dev.llamachat.java.internal.Defaults.DEFAULT_SCOPE
import dev.llamachat.ktor.ApiResponse

/** [LlamaCloudChatClient.WithRawResponse]: the Kotlin client's raw-response calls, awaited on the caller's thread. */
internal class BlockingRawResponses(private val core: ClientCore) : LlamaCloudChatClient.WithRawResponse {
    private val raw get() = core.api.withRawResponse()
    private val bridge get() = core.bridge

    override fun listPage(): ApiResponse<Page<SessionSummary>> = listPage(DEFAULT_LIST)

    override fun listPage(params: ListParams): ApiResponse<Page<SessionSummary>> =
        bridge.await { raw.listPage(params.pageSizeOrNull(), params.pageToken().orElse(null), params.org(), params.project()) }

    override fun create(): ApiResponse<SessionSummary> = create(DEFAULT_CREATE)

    override fun create(params: CreateSessionParams): ApiResponse<SessionSummary> =
        bridge.await { raw.create(params.indexIds().orElse(null), params.org(), params.project()) }

    override fun retrieve(sessionId: String): ApiResponse<Session> = retrieve(sessionId, DEFAULT_SCOPE)

    override fun retrieve(sessionId: String, scope: RequestScope): ApiResponse<Session> {
        Arguments.sessionId(sessionId)
        return bridge.await { raw.retrieve(sessionId, scope.org(), scope.project()) }
    }

    override fun summary(sessionId: String): ApiResponse<SessionSummary> = summary(sessionId, DEFAULT_SCOPE)

    override fun summary(sessionId: String, scope: RequestScope): ApiResponse<SessionSummary> {
        Arguments.sessionId(sessionId)
        return bridge.await { raw.summary(sessionId, scope.org(), scope.project()) }
    }

    override fun delete(sessionId: String): ApiResponse<Void?> = delete(sessionId, DEFAULT_SCOPE)

    override fun delete(sessionId: String, scope: RequestScope): ApiResponse<Void?> {
        Arguments.sessionId(sessionId)
        // Java sees no kotlin.Unit: the same response with no value.
        val response = bridge.await { raw.delete(sessionId, scope.org(), scope.project()) }
        return ApiResponse(response.status, response.headers, null)
    }

    override fun generateTitle(sessionId: String, params: TitleParams): ApiResponse<SessionSummary> {
        Arguments.sessionId(sessionId)
        return bridge.await { raw.generateTitle(sessionId, params.firstMessage(), params.org(), params.project()) }
    }

    override fun ask(sessionId: String, params: StreamParams): ApiResponse<ChatTurn> {
        Arguments.sessionId(sessionId)
        return bridge.await { raw.ask(sessionId, params.prompt(), params.indexIds(), params.org(), params.project()) }
    }

    override fun toString(): String = "LlamaCloudChatClient.WithRawResponse($core)"
}

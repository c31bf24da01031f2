package dev.llamachat.java.internal

import dev.llamachat.ChatTurn
import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.internal.Arguments
import dev.llamachat.java.CreateSessionParams
import dev.llamachat.java.ListParams
import dev.llamachat.java.RequestScope
import dev.llamachat.java.StreamParams
import dev.llamachat.java.TitleParams
import dev.llamachat.ktor.ApiResponse
import dev.llamachat.ktor.LlamaCloudChat
import java.util.concurrent.CompletableFuture

/** A call made from a Java caller's arguments, already checked; it runs (and may be retried) each time it is invoked. */
internal typealias Call<T> = suspend () -> ApiResponse<T>

/**
 * The Java parameter objects unpacked into [api]'s raw-response calls, in one place for all four faces (blocking and
 * asynchronous, plain and raw). Each function checks its arguments now, so that a bad one throws
 * [IllegalArgumentException] on the caller's thread before any request, and returns the call to run.
 */
internal class JavaCalls(api: LlamaCloudChat) {
    private val raw = api.withRawResponse()

    fun listPage(params: ListParams): Call<Page<SessionSummary>> =
        { raw.listPage(params.pageSizeOrNull(), params.pageToken().orElse(null), params.org(), params.project()) }

    fun create(params: CreateSessionParams): Call<SessionSummary> =
        { raw.create(params.indexIds().orElse(null), params.org(), params.project()) }

    fun retrieve(sessionId: String, scope: RequestScope): Call<Session> {
        Arguments.sessionId(sessionId)
        return { raw.retrieve(sessionId, scope.org(), scope.project()) }
    }

    fun summary(sessionId: String, scope: RequestScope): Call<SessionSummary> {
        Arguments.sessionId(sessionId)
        return { raw.summary(sessionId, scope.org(), scope.project()) }
    }

    fun delete(sessionId: String, scope: RequestScope): Call<Void?> {
        Arguments.sessionId(sessionId)
        return {
            // Java sees no kotlin.Unit: the same response with no value.
            val response = raw.delete(sessionId, scope.org(), scope.project())
            ApiResponse(response.status, response.headers, null)
        }
    }

    fun generateTitle(sessionId: String, params: TitleParams): Call<SessionSummary> {
        Arguments.sessionId(sessionId)
        return { raw.generateTitle(sessionId, params.firstMessage(), params.org(), params.project()) }
    }

    /** One turn run to its end, with the response its stream came with. */
    fun ask(sessionId: String, params: StreamParams): Call<ChatTurn> {
        Arguments.sessionId(sessionId)
        return { raw.ask(sessionId, params.prompt(), params.indexIds(), params.org(), params.project()) }
    }
}

/** [call] as a future of its typed value; `cancel(true)` cancels the request. */
internal fun <T> CoroutineBridge.value(call: Call<T>): CompletableFuture<T> = future { call().value }

/** [call] as a future of its whole response; `cancel(true)` cancels the request. */
internal fun <T> CoroutineBridge.response(call: Call<T>): CompletableFuture<ApiResponse<T>> = future { call() }

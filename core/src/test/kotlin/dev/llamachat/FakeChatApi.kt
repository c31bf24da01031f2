package dev.llamachat

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * A hand-written [ChatApi] for tests of what core builds on the seven calls: it answers from what the test prepared
 * and records every call with its arguments, in order.
 */
internal class FakeChatApi : ChatApi {
    /** One call as it was made: the method's name and its arguments in declaration order. */
    data class Call(val method: String, val args: List<Any?>)

    val calls: MutableList<Call> = ArrayList()

    /** The pages `listPage` serves, by page token (null for the first page). */
    val pages: MutableMap<String?, Page<SessionSummary>> = HashMap()

    /** The events every collection of `stream` emits, in order. */
    var turnEvents: List<ChatEvent> = listOf(
        ChatEvent.TextDelta("Hello"),
        ChatEvent.Text("Hello"),
        ChatEvent.Stop(null, false, Usage(turns = 1)),
    )

    /** If set, `stream` throws it after [turnEvents]. */
    var turnFailure: Throwable? = null

    /** The index ids [summary] reports the session bound to. */
    var summaryIndexIds: List<String>? = null

    /** How many times a `stream` flow was collected. */
    var streamCollections: Int = 0
        private set

    fun callsOf(method: String): List<Call> = calls.filter { it.method == method }

    private fun record(method: String, vararg args: Any?) {
        calls += Call(method, args.toList())
    }

    private fun summaryOf(sessionId: String, indexIds: List<String>? = null, title: String? = null) =
        SessionSummary(sessionId, "2026-04-22T12:34:41.342245", title, indexIds, null)

    override suspend fun listPage(pageSize: Int?, pageToken: String?, organizationId: String?, projectId: String?): Page<SessionSummary> {
        record("listPage", pageSize, pageToken, organizationId, projectId)
        return pages[pageToken] ?: throw BadRequestException("Invalid page token", emptyMap(), null, null, "400 on GET /api/v1/chat")
    }

    override suspend fun create(indexIds: List<String>?, organizationId: String?, projectId: String?): SessionSummary {
        record("create", indexIds, organizationId, projectId)
        return summaryOf("ses-${calls.size}", indexIds)
    }

    override suspend fun retrieve(sessionId: String, organizationId: String?, projectId: String?): Session {
        record("retrieve", sessionId, organizationId, projectId)
        return Session(sessionId, "2026-04-22T12:34:41.342245", listOf(ChatEvent.UserInput("Hi")) + turnEvents)
    }

    override suspend fun delete(sessionId: String, organizationId: String?, projectId: String?) {
        record("delete", sessionId, organizationId, projectId)
    }

    override suspend fun summary(sessionId: String, organizationId: String?, projectId: String?): SessionSummary {
        record("summary", sessionId, organizationId, projectId)
        return summaryOf(sessionId, summaryIndexIds)
    }

    override suspend fun generateTitle(sessionId: String, firstMessage: String, organizationId: String?, projectId: String?): SessionSummary {
        record("generateTitle", sessionId, firstMessage, organizationId, projectId)
        return summaryOf(sessionId, title = firstMessage)
    }

    override fun stream(sessionId: String, prompt: String, indexIds: List<String>, organizationId: String?, projectId: String?): Flow<ChatEvent> {
        record("stream", sessionId, prompt, indexIds, organizationId, projectId)
        return flow {
            streamCollections++
            for (event in turnEvents) emit(event)
            turnFailure?.let { throw it }
        }
    }
}

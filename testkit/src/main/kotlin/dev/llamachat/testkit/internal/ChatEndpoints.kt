package dev.llamachat.testkit.internal

import dev.llamachat.Page
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.internal.LlamaJson
import dev.llamachat.internal.PageSerializer
import dev.llamachat.internal.SessionSerializer
import dev.llamachat.internal.SessionSummarySerializer
import dev.llamachat.testkit.Endpoint

/** What an endpoint answers, before it is written. */
internal sealed interface Reply {
    /** 200 with a JSON body. */
    class Json(val body: String) : Reply

    /** 204, no body. */
    object NoContent : Reply

    /** A turn to run and stream (validated; the session's checks come when it starts). */
    class Stream(val scope: String, val sessionId: String, val prompt: String, val indexIds: List<String>) : Reply
}

/** The seven endpoints' rules over the [SessionStore]; failures are thrown as [HttpFailure]. */
internal class ChatEndpoints(private val store: SessionStore) {
    fun serve(endpoint: Endpoint, sessionId: String?, query: Map<String, List<String>>, body: ByteArray): Reply {
        val input = Validation(query)
        val scope = input.scope()
        return when (endpoint) {
            Endpoint.LIST -> list(input, scope, query["page_token"]?.lastOrNull())
            Endpoint.CREATE -> {
                val json = input.body(body, required = false)
                val indexIds = input.stringList(json, "index_ids", required = false)
                input.check()
                Reply.Json(summary(store.create(scope, indexIds)))
            }
            Endpoint.RETRIEVE -> {
                input.check()
                Reply.Json(LlamaJson.encodeToString(SessionSerializer, store.session(scope, id(sessionId)) ?: notFound()))
            }
            Endpoint.DELETE -> {
                input.check()
                if (!store.delete(scope, id(sessionId))) notFound()
                Reply.NoContent
            }
            Endpoint.SUMMARY -> {
                input.check()
                Reply.Json(summary(store.summary(scope, id(sessionId)) ?: notFound()))
            }
            Endpoint.TITLE -> {
                val json = input.body(body, required = true)
                val firstMessage = input.string(json, "first_message", minLength = 1)
                input.check()
                Reply.Json(summary(store.setTitle(scope, id(sessionId), Titles.fromFirstMessage(firstMessage!!)) ?: notFound()))
            }
            Endpoint.STREAM -> {
                val json = input.body(body, required = true)
                val prompt = input.string(json, "prompt", minLength = 1, maxLength = Validation.MAX_PROMPT_LENGTH)
                val indexIds = input.stringList(json, "index_ids", required = true)
                input.check()
                Reply.Stream(scope, id(sessionId), prompt!!, indexIds!!)
            }
            Endpoint.ANY -> error("no request is addressed to ANY")
        }
    }

    private fun list(input: Validation, scope: String, pageToken: String?): Reply {
        val pageSize = input.pageSize()
        input.check()
        val after = pageToken?.takeIf { it.isNotEmpty() }?.let {
            PageTokens.decode(scope, it) ?: throw HttpFailure.detail(400, "Invalid page_token")
        }
        val (items, last) = store.page(scope, pageSize, after)
        val page = Page(items, last?.let { PageTokens.encode(scope, it) })
        return Reply.Json(LlamaJson.encodeToString(PageSerializer(SessionSummarySerializer), page))
    }

    private fun summary(summary: SessionSummary): String = LlamaJson.encodeToString(SessionSummarySerializer, summary)

    private fun id(sessionId: String?): String = checkNotNull(sessionId) { "the router gives every session endpoint an id" }

    companion object {
        fun notFound(): Nothing = throw HttpFailure.detail(404, "Session not found")
    }
}

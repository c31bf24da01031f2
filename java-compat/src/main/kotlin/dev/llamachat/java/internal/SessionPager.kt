package dev.llamachat.java.internal

import dev.llamachat.ChatApi
import dev.llamachat.SessionSummary
import dev.llamachat.UnexpectedResponseException
import dev.llamachat.java.ListParams
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * Walks a listing page by page from [ListParams.pageToken] (or the first page), for both the blocking
 * [PagingSessionIterable] and the publisher. One walk; not thread-safe, but its calls may hop threads as long as
 * they do not overlap (each waits for the previous one).
 */
internal class SessionPager(private val api: ChatApi, private val params: ListParams) {
    private var token: String? = params.pageToken().orElse(null)

    /** Whether the last page has been fetched. */
    var isDone: Boolean = false
        private set

    /** The next page's sessions. */
    suspend fun nextPage(): List<SessionSummary> {
        check(!isDone) { "the listing has no more pages" }
        val page = api.listPage(
            params.pageSize().let { if (it.isPresent) it.asInt else null },
            token,
            params.organizationId().orElse(null),
            params.projectId().orElse(null),
        )
        val next = page.nextPageToken?.takeIf { it.isNotEmpty() }
        if (next != null && next == token) {
            throw UnexpectedResponseException(200, null, "The server returned the same page token twice; stopping to avoid an endless listing.")
        }
        token = next
        isDone = next == null
        return page.items
    }
}

/** Every session from [params]' start to the last page, fetching a page only when the previous one was taken. */
internal fun sessionFlow(api: ChatApi, params: ListParams): Flow<SessionSummary> = flow {
    val pager = SessionPager(api, params)
    while (!pager.isDone) {
        for (session in pager.nextPage()) emit(session)
    }
}

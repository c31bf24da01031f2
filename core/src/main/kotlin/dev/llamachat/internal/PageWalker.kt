package dev.llamachat.internal

import dev.llamachat.InternalLlamaChatApi
import dev.llamachat.Page
import dev.llamachat.UnexpectedResponseException
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * Walks a cursor-paginated listing one page at a time, from [startToken] (null for the first page) to the page
 * without a next token. The one pager of the SDK: `ChatApi.list` and the Java clients' listings both walk with it,
 * so both stop the same way on a misbehaving server.
 *
 * It refuses any page token it has already used, not only the previous one: a cycle of tokens (A -> B -> A)
 * would otherwise list forever. One walk; not thread-safe, but its calls may hop threads as long as they do not
 * overlap (each waits for the previous one).
 */
@InternalLlamaChatApi
public class PageWalker<T>(
    startToken: String?,
    private val fetch: suspend (pageToken: String?) -> Page<T>,
) {
    private var token: String? = startToken
    private val used = HashSet<String>().apply { startToken?.let(::add) }

    /** Whether the last page has been fetched. */
    public var isDone: Boolean = false
        private set

    /**
     * The next page's items.
     * @throws UnexpectedResponseException if the server hands out a page token this walk already used.
     */
    public suspend fun nextPage(): List<T> {
        check(!isDone) { "the listing has no more pages" }
        val page = fetch(token)
        val next = page.nextPageToken?.takeIf { it.isNotEmpty() }
        if (next != null && !used.add(next)) {
            throw UnexpectedResponseException(
                200,
                null,
                "The server returned the same page token twice; stopping to avoid an endless listing.",
            )
        }
        token = next
        isDone = next == null
        return page.items
    }

    public companion object {
        /** Every item from [startToken] to the last page, fetching a page only when the previous one was taken. */
        public fun <T> flow(startToken: String?, fetch: suspend (pageToken: String?) -> Page<T>): Flow<T> = flow {
            val walker = PageWalker(startToken, fetch)
            while (!walker.isDone) {
                for (item in walker.nextPage()) emit(item)
            }
        }
    }
}

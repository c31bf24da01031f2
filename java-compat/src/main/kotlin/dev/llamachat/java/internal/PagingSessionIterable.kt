package dev.llamachat.java.internal

import dev.llamachat.ChatApi
import dev.llamachat.SessionSummary
import dev.llamachat.internal.PageWalker
import dev.llamachat.java.ListParams
import dev.llamachat.java.SessionIterable
import java.util.Spliterator
import java.util.Spliterators
import java.util.stream.Stream
import java.util.stream.StreamSupport
import kotlinx.coroutines.flow.Flow

/** [SessionIterable] over core's [PageWalker], one walk per iterator, each page fetched through [bridge] and awaited. */
internal class PagingSessionIterable(
    private val bridge: CoroutineBridge,
    private val api: ChatApi,
    private val params: ListParams,
) : SessionIterable {
    override fun iterator(): MutableIterator<SessionSummary> = object : MutableIterator<SessionSummary> {
        private val walker = pageWalker(api, params)
        private var page: Iterator<SessionSummary> = emptyList<SessionSummary>().iterator()

        override fun hasNext(): Boolean {
            while (!page.hasNext()) {
                if (walker.isDone) return false
                page = bridge.await { walker.nextPage() }.iterator()
            }
            return true
        }

        override fun next(): SessionSummary {
            if (!hasNext()) throw NoSuchElementException("The listing has no more sessions")
            return page.next()
        }

        override fun remove(): Unit = throw UnsupportedOperationException("Use delete(sessionId) to delete a session")
    }

    override fun stream(): Stream<SessionSummary> =
        StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED or Spliterator.NONNULL),
            false,
        )

    override fun toString(): String = "SessionIterable($params)"
}

/** A walk over the listing [params] describe, from its page token (or the first page) to the last page. */
internal fun pageWalker(api: ChatApi, params: ListParams): PageWalker<SessionSummary> =
    PageWalker(params.pageToken().orElse(null)) { token -> api.listPage(params.pageSizeOrNull(), token, params.org(), params.project()) }

/** Every session from [params]' start to the last page, fetching a page only when the previous one was taken. */
internal fun sessionFlow(api: ChatApi, params: ListParams): Flow<SessionSummary> =
    PageWalker.flow(params.pageToken().orElse(null)) { token ->
        api.listPage(params.pageSizeOrNull(), token, params.org(), params.project())
    }

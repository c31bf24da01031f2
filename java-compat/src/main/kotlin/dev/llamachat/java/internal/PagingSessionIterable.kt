package dev.llamachat.java.internal

import dev.llamachat.ChatApi
import dev.llamachat.SessionSummary
import dev.llamachat.java.ListParams
import dev.llamachat.java.SessionIterable
import java.util.Spliterator
import java.util.Spliterators
import java.util.stream.Stream
import java.util.stream.StreamSupport

/** [SessionIterable] over a [SessionPager] per iterator, each page fetched through [bridge] and awaited. */
internal class PagingSessionIterable(
    private val bridge: CoroutineBridge,
    private val api: ChatApi,
    private val params: ListParams,
) : SessionIterable {
    override fun iterator(): MutableIterator<SessionSummary> = object : MutableIterator<SessionSummary> {
        private val pager = SessionPager(api, params)
        private var page: Iterator<SessionSummary> = emptyList<SessionSummary>().iterator()

        override fun hasNext(): Boolean {
            while (!page.hasNext()) {
                if (pager.isDone) return false
                page = bridge.await { pager.nextPage() }.iterator()
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

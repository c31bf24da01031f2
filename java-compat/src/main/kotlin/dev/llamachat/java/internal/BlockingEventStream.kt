package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.java.EventStream
import java.util.Spliterator
import java.util.Spliterators
import java.util.concurrent.ArrayBlockingQueue
import java.util.concurrent.CancellationException
import java.util.concurrent.Flow
import java.util.concurrent.atomic.AtomicBoolean
import java.util.stream.Stream
import java.util.stream.StreamSupport

/**
 * [EventStream] as a subscriber of the turn's publisher with bounded demand: it requests [prefetch] events, and
 * asks for more only as the reader takes them, so at most [prefetch] events wait in memory.
 */
internal class BlockingEventStream(
    publisher: Flow.Publisher<ChatEvent>,
    private val prefetch: Int,
) : EventStream, Flow.Subscriber<ChatEvent> {
    /** Events, then one terminal marker; room for [prefetch] events, the terminal signal and the close marker. */
    private val queue = ArrayBlockingQueue<Any>(prefetch + 2)
    private val replenishAt = (prefetch - prefetch / 4).coerceAtLeast(1)
    private val closed = AtomicBoolean()
    private val iterated = AtomicBoolean()

    @Volatile
    private var subscription: Flow.Subscription? = null

    init {
        require(prefetch > 0) { "prefetch must be positive, was $prefetch" }
        publisher.subscribe(this)
    }

    override fun onSubscribe(subscription: Flow.Subscription) {
        this.subscription = subscription
        if (closed.get()) subscription.cancel() else subscription.request(prefetch.toLong())
    }

    override fun onNext(item: ChatEvent) {
        check(queue.offer(item)) { "more events than requested" }
    }

    override fun onError(throwable: Throwable) {
        queue.offer(Failed(throwable))
    }

    override fun onComplete() {
        queue.offer(Ended)
    }

    override fun iterator(): MutableIterator<ChatEvent> {
        check(iterated.compareAndSet(false, true)) { "This EventStream was already iterated; a turn's events are read once" }
        return EventIterator()
    }

    override fun stream(): Stream<ChatEvent> =
        StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED or Spliterator.NONNULL),
            false,
        ).onClose(::close)

    override fun close() {
        if (closed.compareAndSet(false, true)) {
            subscription?.cancel()
            queue.offer(Ended) // wakes a reader blocked on another thread
        }
    }

    private inner class EventIterator : MutableIterator<ChatEvent> {
        private var next: ChatEvent? = null
        private var failure: Throwable? = null
        private var ended = false
        private var taken = 0

        override fun hasNext(): Boolean {
            if (next != null) return true
            failure?.let { throw unwrap(it) }
            if (ended || closed.get()) return false
            when (val signal = take()) {
                is Failed -> {
                    failure = signal.cause
                    throw unwrap(signal.cause)
                }
                Ended -> ended = true
                else -> {
                    next = signal as ChatEvent
                    if (++taken == replenishAt) {
                        taken = 0
                        subscription?.request(replenishAt.toLong())
                    }
                }
            }
            return next != null
        }

        override fun next(): ChatEvent {
            if (!hasNext()) throw NoSuchElementException("The turn has no more events")
            return next!!.also { next = null }
        }

        override fun remove(): Unit = throw UnsupportedOperationException("A turn's events cannot be removed")

        private fun take(): Any = try {
            queue.take()
        } catch (e: InterruptedException) {
            close()
            Thread.currentThread().interrupt()
            throw CancellationException("Interrupted while waiting for the next event").apply { initCause(e) }
        }
    }

    private class Failed(val cause: Throwable)

    private object Ended
}

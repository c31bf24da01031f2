package dev.llamachat.java.internal

import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.Flow
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

/**
 * Wraps a publisher made by kotlinx-coroutines' `asPublisher()`, which does nothing until the first `request(n)`,
 * so that subscribing starts the call at once: it asks the upstream for one item ahead and holds it until the
 * subscriber's demand allows. The request goes out while the subscriber gets ready, and a call that fails before
 * its first item (a 404, a 409) is signalled through `onError` without waiting for demand (rule 1.4). No item is
 * ever delivered beyond demand.
 *
 * It also makes `request(n)` with `n <= 0` cancel the upstream and signal [IllegalArgumentException] (rule 3.9),
 * which `asPublisher()` alone ignores (measured here with the TCK).
 *
 * Signals to the subscriber are serialized by a queue-drain loop (rule 1.3): whichever thread moves the state
 * (upstream `onNext`, the subscriber's `request`) drains, and a re-entrant call only marks more work for the loop,
 * so `request` inside `onNext` never recurses (rule 3.3); `onSubscribe` holds the loop until it returns. Items
 * already received are delivered before a terminal signal.
 */
internal class EagerStartPublisher<T : Any>(private val upstream: Flow.Publisher<T>) : Flow.Publisher<T> {
    override fun subscribe(subscriber: Flow.Subscriber<in T>) {
        upstream.subscribe(EagerStartSubscriber(subscriber))
    }
}

private class EagerStartSubscriber<T : Any>(
    subscriber: Flow.Subscriber<in T>,
) : Flow.Subscriber<T>, Flow.Subscription {
    /**
     * The subscriber, until cancellation or the terminal signal: then a no-op, so that whatever still holds this
     * object (the HTTP engine may keep a finished call's context until its connection is reused) no longer holds
     * the subscriber (rule 3.13).
     */
    @Volatile
    private var downstream: Flow.Subscriber<in T> = subscriber

    @Volatile
    private var upstream: Flow.Subscription? = null

    /** Items received and not yet delivered: at most the one asked for ahead, plus any the drain has not reached. */
    private val queue = ConcurrentLinkedQueue<T>()
    private val requested = AtomicLong()
    private val work = AtomicInteger()

    @Volatile
    private var done = false

    @Volatile
    private var error: Throwable? = null

    /** A bad `request(n)`: signalled ahead of any queued item, since the subscriber broke the contract. */
    @Volatile
    private var badRequest: Throwable? = null

    @Volatile
    private var cancelled = false

    override fun onSubscribe(subscription: Flow.Subscription) {
        upstream = subscription
        // Holds the drain loop while the subscriber's onSubscribe runs: an item that arrives meanwhile (a request
        // made inside onSubscribe starts the upstream on another thread) waits until onSubscribe has returned.
        work.set(1)
        downstream.onSubscribe(this)
        if (!cancelled) subscription.request(1)
        drainLoop(1)
    }

    override fun onNext(item: T) {
        queue.offer(item)
        drain()
    }

    override fun onError(throwable: Throwable) {
        error = throwable
        done = true
        drain()
    }

    override fun onComplete() {
        done = true
        drain()
    }

    override fun request(n: Long) {
        if (n <= 0) {
            badRequest = IllegalArgumentException("Reactive Streams rule 3.9: request(n) needs n > 0, was $n")
            upstream?.cancel()
        } else {
            requested.getAndUpdate { current -> if (current + n < 0) Long.MAX_VALUE else current + n }
            upstream?.request(n)
        }
        drain()
    }

    override fun cancel() {
        if (cancelled) return
        cancelled = true
        upstream?.cancel()
        drain()
    }

    private fun drain() {
        if (work.getAndIncrement() == 0) drainLoop(1)
    }

    /** Delivers what demand allows; the caller owns the loop ([work] went from 0, or onSubscribe set it). */
    private fun drainLoop(claimed: Int) {
        var missed = claimed
        while (true) {
            var delivered = 0L
            val demand = requested.get()
            while (true) {
                if (stopped()) return
                if (finished()) return
                if (delivered == demand) break
                val item = queue.poll() ?: break
                downstream.onNext(item)
                delivered++
            }
            if (stopped() || finished()) return
            if (delivered != 0L && demand != Long.MAX_VALUE) requested.addAndGet(-delivered)
            missed = work.addAndGet(-missed)
            if (missed == 0) return
        }
    }

    /** Cancelled, or a bad request signalled: nothing more is delivered. Leaves the drain loop claimed forever. */
    private fun stopped(): Boolean {
        if (cancelled) {
            detach()
            return true
        }
        val failure = badRequest ?: return false
        cancelled = true
        val subscriber = detach()
        subscriber.onError(failure)
        return true
    }

    /** The upstream ended and every item it sent was delivered: signals the end once. */
    private fun finished(): Boolean {
        if (!done || !queue.isEmpty()) return false
        cancelled = true
        val subscriber = detach()
        val failure = error
        if (failure != null) subscriber.onError(failure) else subscriber.onComplete()
        return true
    }

    /** Forgets the subscriber and any held items; returns the subscriber for a last signal. */
    private fun detach(): Flow.Subscriber<in T> {
        val subscriber = downstream
        downstream = Detached
        queue.clear()
        return subscriber
    }

    /** Takes the signals that arrive after the end. */
    private object Detached : Flow.Subscriber<Any?> {
        override fun onSubscribe(subscription: Flow.Subscription) = subscription.cancel()

        override fun onNext(item: Any?) = Unit

        override fun onError(throwable: Throwable) = Unit

        override fun onComplete() = Unit
    }
}

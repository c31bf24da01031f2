package dev.llamachat.java.internal

import java.util.concurrent.Flow
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference

/**
 * Wraps a publisher made by kotlinx-coroutines' `asPublisher()` so that `request(n)` with `n <= 0` cancels the
 * subscription and signals [IllegalArgumentException] (Reactive Streams rule 3.9); `asPublisher()` alone
 * ignores such a request, which the TCK measured here.
 *
 * The error may be raised on the subscriber's thread while the upstream is inside `onNext` on another, so signals
 * are serialized: a terminal signal that arrives during `onNext` is delivered right after it returns, and nothing
 * follows a terminal signal. Upstream `onNext` calls never overlap (rule 1.3), which is all this relies on.
 */
internal class DemandCheckingPublisher<T>(private val upstream: Flow.Publisher<T>) : Flow.Publisher<T> {
    override fun subscribe(subscriber: Flow.Subscriber<in T>) {
        upstream.subscribe(DemandCheckingSubscriber(subscriber))
    }
}

private class DemandCheckingSubscriber<T>(
    private val downstream: Flow.Subscriber<in T>,
) : Flow.Subscriber<T>, Flow.Subscription {
    @Volatile
    private var upstream: Flow.Subscription? = null

    /** Non-zero while a signal is being delivered; each pending terminal signal adds one. */
    private val busy = AtomicInteger()

    /** The first terminal signal: [COMPLETE] or the error. */
    private val terminal = AtomicReference<Throwable?>()

    override fun onSubscribe(subscription: Flow.Subscription) {
        upstream = subscription
        downstream.onSubscribe(this)
    }

    override fun onNext(item: T) {
        if (busy.get() == 0 && busy.compareAndSet(0, 1)) {
            downstream.onNext(item)
            if (busy.decrementAndGet() != 0) deliverTerminal()
        }
        // Otherwise a terminal signal is already delivered or pending: the item is dropped.
    }

    override fun onError(throwable: Throwable) = terminate(throwable)

    override fun onComplete() = terminate(COMPLETE)

    override fun request(n: Long) {
        if (n > 0) {
            upstream?.request(n)
        } else {
            upstream?.cancel()
            terminate(IllegalArgumentException("Reactive Streams rule 3.9: request(n) needs n > 0, was $n"))
        }
    }

    override fun cancel() {
        upstream?.cancel()
    }

    private fun terminate(signal: Throwable) {
        if (terminal.compareAndSet(null, signal) && busy.getAndIncrement() == 0) deliverTerminal()
    }

    private fun deliverTerminal() {
        val signal = terminal.get()
        if (signal === COMPLETE) downstream.onComplete() else downstream.onError(signal)
    }

    private companion object {
        /** Marks completion in [terminal]; never thrown. */
        val COMPLETE = object : Throwable("complete", null, false, false) {}
    }
}

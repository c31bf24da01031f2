package dev.llamachat.java.internal

import java.util.concurrent.atomic.AtomicBoolean
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CoroutineDispatcher

/**
 * [delegate], except that the first dispatch asked of it, which is its coroutine's start, is not made: the
 * coroutine starts in place, on the calling thread, and runs there until it first suspends. kotlinx's `flowPublish`
 * starts its coroutine with a dispatch in `subscribe`; started in place instead, a turn's request is sent from the
 * subscribing thread at once (as a Kotlin Flow's collection sends it), not after a hop to [delegate]'s thread.
 * Everything after the first suspension (the events, `onNext`) runs on [delegate]. One instance per coroutine.
 */
internal class StartInPlace(private val delegate: CoroutineDispatcher) : CoroutineDispatcher() {
    private val started = AtomicBoolean()

    override fun isDispatchNeeded(context: CoroutineContext): Boolean = !started.compareAndSet(false, true)

    override fun dispatch(context: CoroutineContext, block: Runnable) = delegate.dispatch(context, block)

    override fun toString(): String = "StartInPlace($delegate)"
}

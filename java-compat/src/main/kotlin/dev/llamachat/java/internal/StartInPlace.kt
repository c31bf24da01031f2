package dev.llamachat.java.internal

import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CoroutineDispatcher

/**
 * [dispatcher] for one coroutine, except its start: that runs on the thread that starts it (a publisher's
 * subscriber), up to the coroutine's first suspension. A turn's start only builds and enqueues its request, which
 * never blocks, and dispatching it would cost its first event a thread wake-up before the request is even sent
 * (BENCHMARKS.md, first event). Every later resumption is dispatched to [dispatcher] as usual.
 */
internal class StartInPlace(private val dispatcher: CoroutineDispatcher) : CoroutineDispatcher() {
    @Volatile
    private var started = false

    override fun isDispatchNeeded(context: CoroutineContext): Boolean {
        if (started) return dispatcher.isDispatchNeeded(context)
        started = true
        return false
    }

    override fun dispatch(context: CoroutineContext, block: Runnable) = dispatcher.dispatch(context, block)

    override fun toString(): String = "StartInPlace($dispatcher)"
}

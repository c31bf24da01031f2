package dev.llamachat.java.internal

import java.util.concurrent.CancellationException
import java.util.concurrent.Flow as JFlow
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.jdk9.flowPublish
import kotlinx.coroutines.job

/**
 * [flow] as a cold publisher on kotlinx's `flowPublish`, which already gives what the Java API promises: it starts
 * the collection on subscribe (right after `onSubscribe`, before any demand), signals a failure through `onError`
 * without waiting for demand, never delivers beyond `request(n)`, treats `request(n <= 0)` as rule 3.9 says
 * (`onError(IllegalArgumentException)`), and cancels the collection, closing the HTTP stream, on `cancel()`.
 *
 * It lacks one thing, added here: its coroutine has no parent (a publisher's context may hold no job), so closing
 * the client would not reach it, and when it is cancelled with a [CancellationException] it calls `onComplete`, so
 * a subscriber would take a turn cut by the close for a finished one. So the collection runs in a scope that
 * [owner]'s completion cancels, and that cancellation leaves the publisher as a [ClientClosed] failure, which
 * [ClosedAsCancellation] hands to the subscriber as the [CancellationException] it is.
 */
internal fun <T : Any> closeablePublisher(flow: Flow<T>, owner: Job, dispatcher: CoroutineDispatcher): JFlow.Publisher<T> =
    JFlow.Publisher { subscriber -> subscription(flow, owner, dispatcher).subscribe(ClosedAsCancellation(subscriber)) }

/**
 * The publisher of one subscription: its collection starts on the subscribing thread ([StartInPlace]), where it
 * sends the request, and goes on on [dispatcher].
 */
private fun <T : Any> subscription(flow: Flow<T>, owner: Job, dispatcher: CoroutineDispatcher): JFlow.Publisher<T> =
    flowPublish(StartInPlace(dispatcher)) {
        try {
            coroutineScope {
                val collection = coroutineContext.job
                val onClose = owner.invokeOnCompletion { collection.cancel(CancellationException(CoroutineBridge.CLOSED)) }
                try {
                    flow.collect { send(it) }
                } finally {
                    onClose.dispose()
                }
            }
        } catch (e: CancellationException) {
            // The subscriber's cancel() cancels this coroutine itself; only the client's close leaves it active.
            if (owner.isCancelled && coroutineContext.job.isActive) throw ClientClosed(e)
            throw e
        } catch (e: Exception) {
            // Once the subscription has ended (cancel(), or request(n <= 0) and its IllegalArgumentException), what the
            // call reports while it unwinds (an HTTP client may call its cancellation an I/O failure) is not the
            // subscriber's to see: the subscription's own end stays the one signal.
            if (!coroutineContext.job.isActive) throw CancellationException("The subscription has ended").apply { initCause(e) }
            throw e
        }
    }

/** Carries the close's [CancellationException] through `flowPublish`, which would turn it into `onComplete`. */
private class ClientClosed(val cancellation: CancellationException) : RuntimeException(cancellation.message, cancellation)

/** Passes every signal on, turning a [ClientClosed] failure back into its [CancellationException]. */
private class ClosedAsCancellation<T>(private val subscriber: JFlow.Subscriber<in T>) : JFlow.Subscriber<T> {
    override fun onSubscribe(subscription: JFlow.Subscription) = subscriber.onSubscribe(subscription)

    override fun onNext(item: T) = subscriber.onNext(item)

    override fun onError(throwable: Throwable) =
        subscriber.onError(if (throwable is ClientClosed) throwable.cancellation else throwable)

    override fun onComplete() = subscriber.onComplete()
}

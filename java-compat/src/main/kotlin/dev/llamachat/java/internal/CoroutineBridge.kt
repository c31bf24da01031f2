package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.java.EventStream
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Flow as JFlow
import kotlinx.coroutines.CompletableJob
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.future.future

/**
 * The one place where the Java API meets coroutines: suspend calls become [CompletableFuture]s (`future {}`) or
 * blocking calls, a flow becomes a [JFlow.Publisher] (kotlinx's `flowPublish`, see [closeablePublisher]) or a
 * blocking [EventStream] (see [ReaderEventStream]). Everything runs in one scope that [close] cancels,
 * on [dispatcher] (where futures complete and subscribers are called).
 */
internal class CoroutineBridge @JvmOverloads constructor(
    private val dispatcher: CoroutineDispatcher,
    parent: CoroutineBridge? = null,
) {
    // A derived client's bridge is a child of its original's, so closing the original cancels its calls too.
    private val job: CompletableJob = SupervisorJob(parent?.job)
    private val scope = CoroutineScope(job + dispatcher + CoroutineName("llamachat-java"))

    /** Runs [block] as a future; `cancel(true)` on the future cancels [block]. */
    fun <T> future(block: suspend CoroutineScope.() -> T): CompletableFuture<T> {
        checkOpen()
        return scope.future(block = block)
    }

    /**
     * Runs [block] and waits for it on the calling thread, throwing its own exception (see [awaitBlocking]).
     */
    fun <T> await(block: suspend CoroutineScope.() -> T): T = future(block).awaitBlocking()

    /** A cold publisher of [flow]: each subscription collects it once, honouring demand and cancellation. */
    fun <T : Any> publisher(flow: Flow<T>): JFlow.Publisher<T> {
        checkOpen()
        return closeablePublisher(flow, job, dispatcher)
    }

    /**
     * One turn as a blocking [EventStream], collected now, at most [EVENT_BUFFER] events ahead of the reader.
     * The collection starts on the calling thread (which is about to wait for the first event anyway) and then runs
     * on the reader's thread while it waits for events ([ReaderDispatcher]), so that neither the first event nor
     * any later one crosses to another thread; while no reader waits, it runs on [dispatcher].
     */
    fun eventStream(flow: Flow<ChatEvent>): EventStream {
        checkOpen()
        return ReaderEventStream.open(scope, flow, dispatcher)
    }

    /** Cancels everything running in this bridge; later calls throw [IllegalStateException]. Idempotent. */
    fun close() {
        scope.cancel(CancellationException(CLOSED))
    }

    private fun checkOpen() {
        check(job.isActive) { "The client is closed" }
    }

    companion object {
        /** The message of the [CancellationException] that calls and streams cut by a close end with. */
        const val CLOSED: String = "The client was closed"

        /**
         * Events a blocking reader may fall behind: enough that the reader takes runs of events without waiting
         * while the network is faster than it, and a bound (~50 KB of small events) on memory per stream.
         */
        const val EVENT_BUFFER: Int = 512
    }
}

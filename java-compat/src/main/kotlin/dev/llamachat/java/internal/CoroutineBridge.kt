package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.java.EventStream
import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.ExecutionException
import java.util.concurrent.Flow as JFlow
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.future.future
import kotlinx.coroutines.jdk9.asPublisher
import kotlinx.coroutines.job

/**
 * The one place where the Java API meets coroutines: suspend calls become [CompletableFuture]s (`future {}`),
 * flows become [JFlow.Publisher]s (`asPublisher()`, started on subscribe and guarded for rule 3.9), and both run in one scope that
 * [close] cancels, on [dispatcher] (where futures complete and subscribers are called).
 */
internal class CoroutineBridge(private val dispatcher: CoroutineDispatcher) {
    private val job = SupervisorJob()
    private val scope = CoroutineScope(job + dispatcher + CoroutineName("llamachat-java"))

    /** Whether [close] has been called. */
    val isClosed: Boolean get() = !job.isActive

    /** Runs [block] as a future; `cancel(true)` on the future cancels [block]. */
    fun <T> future(block: suspend CoroutineScope.() -> T): CompletableFuture<T> {
        checkOpen()
        return scope.future(block = block)
    }

    /** A cold publisher of [flow]: each subscription collects it once, honouring demand and cancellation. */
    fun <T : Any> publisher(flow: Flow<T>): JFlow.Publisher<T> {
        checkOpen()
        return EagerStartPublisher(flow.cancelledWith(job).asPublisher(dispatcher))
    }

    /** One turn as a blocking [EventStream] over [publisher], at most [EVENT_PREFETCH] events ahead of the reader. */
    fun eventStream(flow: Flow<ChatEvent>): EventStream = BlockingEventStream(publisher(flow), EVENT_PREFETCH)

    /**
     * Runs [block] and waits for it on the calling thread, throwing its own exception (not wrapped). Interrupting
     * the thread cancels [block] and throws [CancellationException], with the thread's interrupt flag set again.
     */
    fun <T> await(block: suspend CoroutineScope.() -> T): T = future(block).awaitBlocking()

    /** Cancels everything running in this bridge; later calls throw [IllegalStateException]. Idempotent. */
    fun close() {
        scope.cancel(CancellationException("LlamaCloudChatAsync was closed"))
    }

    private companion object {
        /** Enough to keep the socket busy while a reader prints; small enough to bound memory per stream. */
        const val EVENT_PREFETCH = 32
    }

    private fun checkOpen() {
        check(job.isActive) { "LlamaCloudChatAsync is closed" }
    }
}

/** Waits for a future on the calling thread, rethrowing its failure as itself (see [CoroutineBridge.await]). */
internal fun <T> CompletableFuture<T>.awaitBlocking(): T = try {
    get()
} catch (e: ExecutionException) {
    throw unwrap(e.cause ?: e)
} catch (e: InterruptedException) {
    cancel(true)
    Thread.currentThread().interrupt()
    throw CancellationException("Interrupted while waiting for LlamaCloud").apply { initCause(e) }
}

/** The failure a caller should see: itself if unchecked, else wrapped once (our calls only throw unchecked). */
internal fun unwrap(failure: Throwable): RuntimeException = when (failure) {
    is RuntimeException -> failure
    is Error -> throw failure
    else -> CompletionException(failure)
}

/**
 * This flow, cancelled when [owner] completes: `asPublisher()` subscriptions are not children of any job, so
 * closing the client reaches them through this.
 */
private fun <T> Flow<T>.cancelledWith(owner: Job): Flow<T> = flow {
    val collector = currentCoroutineContext().job
    val handle = owner.invokeOnCompletion { cause ->
        collector.cancel(cause as? CancellationException ?: CancellationException("LlamaCloudChatAsync was closed"))
    }
    try {
        emitAll(this@cancelledWith)
    } finally {
        handle.dispose()
    }
}

package dev.llamachat.java.internal

import java.util.concurrent.CancellationException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.ExecutionException

/**
 * Waits for a future on the calling thread and returns its value, or throws its failure as itself: the typed
 * `LlamaCloudException` a Kotlin caller would see, not an [ExecutionException]. The failure happened on another
 * thread, so the waiting thread's stack is added to it as a suppressed [BlockingCallSite] (as Reactor's `block()`
 * does), and a stack trace shows both where the call failed and where the caller waited.
 *
 * Interrupting the waiting thread cancels the future (and so the HTTP call) and throws [CancellationException]
 * caused by the [InterruptedException], with the thread's interrupt flag set again.
 */
internal fun <T> CompletableFuture<T>.awaitBlocking(): T = try {
    get()
} catch (e: ExecutionException) {
    throw rethrown(e.cause ?: e)
} catch (e: InterruptedException) {
    cancel(true)
    throw interrupted(e)
}

/**
 * [failure] ready to be thrown on the calling thread (see [awaitBlocking]). Errors are thrown as they are. A
 * [CancellationException] (the client was closed) is shared by every call it ended, so it is left unchanged.
 */
internal fun rethrown(failure: Throwable): RuntimeException {
    if (failure is Error) throw failure
    val exception = failure as? RuntimeException ?: CompletionException(failure)
    if (exception !is CancellationException && exception.suppressed.none { it is BlockingCallSite }) {
        exception.addSuppressed(BlockingCallSite())
    }
    return exception
}

/** The exception a blocking call throws when its thread is interrupted; sets the interrupt flag again. */
internal fun interrupted(cause: InterruptedException): CancellationException {
    Thread.currentThread().interrupt()
    return CancellationException("Interrupted while waiting for LlamaCloud; the call was cancelled").apply {
        initCause(cause)
    }
}

/** Records where a blocking caller waited for a call that failed on another thread; never thrown itself. */
internal class BlockingCallSite : RuntimeException("The blocking call that waited for this failure")

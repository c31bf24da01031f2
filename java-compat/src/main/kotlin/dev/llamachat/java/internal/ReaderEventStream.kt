package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.java.EventStream
import java.util.ArrayDeque
import java.util.Spliterator
import java.util.Spliterators
import java.util.concurrent.atomic.AtomicBoolean
import java.util.stream.Stream
import java.util.stream.StreamSupport
import kotlin.coroutines.coroutineContext
import kotlin.coroutines.resume
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * One turn as a blocking [EventStream]: a coroutine collects the turn's flow into a buffer of at most
 * [CoroutineBridge.EVENT_BUFFER] events, and runs on the reader's own thread while the reader waits for an event
 * ([ReaderDispatcher]). Collection and reading then take turns on one thread: each event passes through a plain
 * queue, with no lock, atomic or wake-up per event, and only the engine's thread (bytes arrived) wakes the reader,
 * as it wakes a Flow's collector. A full buffer suspends the collection, so a slow reader slows the read of the
 * response instead of filling memory.
 *
 * The buffer is touched only on the reader's thread (and, before the reader's first wait, on the thread that opened
 * the stream). Once the collection is cancelled (the reader's [close], the client's close) or done, the rest of it
 * runs on another thread: it adds nothing more ([add] checks its job first), it only records how the turn ended,
 * and a reader that was waiting then waits for that.
 */
internal class ReaderEventStream private constructor(private val producer: ReaderDispatcher) : EventStream {
    private val buffered = ArrayDeque<ChatEvent>(CoroutineBridge.EVENT_BUFFER)

    /** The collection, suspended once the buffer is full; resumed once the reader has taken an event. */
    private var waitingForSpace: CancellableContinuation<Unit>? = null

    /** Set (after [failure]) once the collection has ended; the reader takes what is buffered, then ends too. */
    @Volatile
    private var ended = false
    private var failure: Throwable? = null

    @Volatile
    private lateinit var collection: Job
    private val closed = AtomicBoolean()
    private val iterated = AtomicBoolean()

    override fun iterator(): MutableIterator<ChatEvent> {
        check(iterated.compareAndSet(false, true)) { "This EventStream was already iterated; a turn's events are read once" }
        return EventIterator()
    }

    override fun stream(): Stream<ChatEvent> =
        StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED or Spliterator.NONNULL),
            false,
        ).onClose(::close)

    /** Cancels the collection, which closes the HTTP stream, and wakes a reader blocked on another thread. */
    override fun close() {
        if (closed.compareAndSet(false, true)) collection.cancel()
    }

    override fun toString(): String = "EventStream(closed=${closed.get()})"

    private suspend fun collect(flow: Flow<ChatEvent>) {
        // A child job ends at the collection's cancellation at once (it has nothing to unwind), while the collection
        // itself may have a task queued for a reader who has stopped reading: the rest goes to another thread then.
        val running = Job(coroutineContext.job).apply { invokeOnCompletion { producer.release() } }
        try {
            flow.collect(::add)
        } catch (e: Throwable) {
            // The reader sees the failure, or the close's cancellation, after the events buffered before it.
            failure = e
        } finally {
            ended = true
            running.complete()
        }
    }

    private suspend fun add(event: ChatEvent) {
        coroutineContext.ensureActive()
        buffered.addLast(event)
        // Waiting is the last call, so that an event added to a buffer with room costs no continuation object.
        if (buffered.size >= CoroutineBridge.EVENT_BUFFER) awaitSpace()
    }

    private suspend fun awaitSpace() = suspendCancellableCoroutine { waitingForSpace = it }

    private inner class EventIterator : MutableIterator<ChatEvent> {
        private var next: ChatEvent? = null
        private var thrown: RuntimeException? = null
        private var done = false

        override fun hasNext(): Boolean {
            if (next != null) return true
            thrown?.let { throw it }
            if (done) return false
            next = take()
            if (next != null) return true
            done = true
            // Our own close() cancels the collection too: that is the end of the iteration, not a failure.
            val cause = failure?.takeUnless { closed.get() } ?: return false
            throw rethrown(cause).also { thrown = it }
        }

        override fun next(): ChatEvent {
            if (!hasNext()) throw NoSuchElementException("The turn has no more events")
            return next!!.also { next = null }
        }

        override fun remove(): Unit = throw UnsupportedOperationException("A turn's events cannot be removed")

        /** The next event, once there is one; null once the turn has ended (or the stream was closed). */
        private fun take(): ChatEvent? {
            if (closed.get()) return null
            if (buffered.isEmpty() && !ended) await()
            if (closed.get()) return null
            val event = buffered.pollFirst() ?: return null
            waitingForSpace?.let {
                waitingForSpace = null
                it.resume(Unit)
            }
            return event
        }

        /** Runs the collection until it has buffered an event or ended, or waits for its end elsewhere. */
        private fun await() {
            try {
                val ready = producer.runUntil { if (buffered.isNotEmpty() || ended) Unit else null }
                // Released: the collection was cancelled (or has ended) and finishes on another thread. After our
                // own close nothing of it is wanted; after the client's close, its cause is.
                if (ready == null && !closed.get()) runBlocking { collection.join() }
            } catch (e: InterruptedException) {
                close()
                throw interrupted(e)
            }
        }
    }

    companion object {
        /** Starts collecting [flow] in [scope], on the calling thread until it first suspends; see the class. */
        fun open(scope: CoroutineScope, flow: Flow<ChatEvent>, fallback: CoroutineDispatcher): EventStream {
            val producer = ReaderDispatcher(fallback)
            val stream = ReaderEventStream(producer)
            stream.collection = scope.launch(producer, start = CoroutineStart.UNDISPATCHED) { stream.collect(flow) }
            return stream
        }
    }
}

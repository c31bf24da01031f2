package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.java.EventStream
import java.util.ArrayDeque
import java.util.Spliterator
import java.util.Spliterators
import java.util.concurrent.CountDownLatch
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
import kotlinx.coroutines.launch
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * One turn as a blocking [EventStream]: a coroutine collects the turn's flow into a buffer of at most
 * [CoroutineBridge.EVENT_BUFFER] events, and runs on the reader's own thread while the reader waits for an event
 * ([ReaderDispatcher]). Collection and reading then take turns on one thread: each event passes through a plain
 * queue, with no wake-up per event, and only the engine's thread (bytes arrived) wakes the reader, as it wakes a
 * Flow's collector. While the reader is away the collection goes on elsewhere until the buffer is full; a full
 * buffer suspends it until the reader has taken every buffered event, so a slow reader slows the read of the
 * response instead of filling memory. A first event decoded on the waiting reader's thread suspends it in the same
 * way, so that the reader has it as soon as it is decoded.
 *
 * The buffer, [waitingForSpace], [ended] and [failure] are touched holding [lock] only: the collection runs holding
 * it (its start here, its tasks in [ReaderDispatcher]), and the reader holds it while it takes an event.
 */
internal class ReaderEventStream private constructor(fallback: CoroutineDispatcher) : EventStream {
    private val lock = Any()
    private val producer = ReaderDispatcher(fallback, lock)
    private val buffered = ArrayDeque<ChatEvent>(CoroutineBridge.EVENT_BUFFER)

    /** The collection, suspended once the buffer is full; resumed once the reader has emptied it. */
    private var waitingForSpace: CancellableContinuation<Unit>? = null

    /** No event was added yet (see [add]). */
    private var awaitingFirst = true

    /** The turn's `stop` was added: the turn is complete, and [close] lets the rest of the response end. */
    private var stopAdded = false

    /** Set (after [failure]) once the collection has ended; the reader takes what is buffered, then ends too. */
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

    /**
     * Before the turn's `stop`: cancels the collection, which closes the HTTP stream, and wakes a reader blocked on
     * another thread. After it: waits while the collection reads the rest of the response (see [finishAfterStop]).
     */
    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        if (!finishAfterStop()) collection.cancel()
    }

    /**
     * Once `stop` was added, the turn is complete and the collection reads what is left of the response, normally
     * only its end, and at most for the 100 ms the Kotlin Flow gives it too. A stream closed right at its `stop`
     * (`anyMatch(e -> e instanceof Stop)` in try-with-resources) waits for that, as a Flow collected to its end
     * does, instead of cutting the call: a cut loses the connection, and the service may not have ended the turn
     * yet, so that the next turn on the session could meet a 409. Unread events are dropped. The collection runs on
     * this thread meanwhile, as it runs on a waiting reader's, or on a reader still blocked on another thread. False
     * if `stop` was not added yet. Interrupted while it waits, it cancels the collection after all.
     */
    private fun finishAfterStop(): Boolean {
        synchronized(lock) {
            if (!stopAdded) return false
            buffered.clear()
        }
        try {
            producer.runUntil(::endedOrResumed) ?: awaitCollection()
        } catch (e: InterruptedException) {
            collection.cancel()
            Thread.currentThread().interrupt()
        }
        return true
    }

    /** Holding the lock: [END] once the collection has ended; until then a collection waiting for room goes on. */
    private fun endedOrResumed(): Any? {
        if (ended) return END
        resumeCollection()
        return null
    }

    /** Waits for the collection that a reader blocked on another thread runs. */
    private fun awaitCollection() {
        val done = CountDownLatch(1)
        collection.invokeOnCompletion { done.countDown() }
        done.await()
    }

    override fun toString(): String = "EventStream(closed=${closed.get()})"

    private suspend fun collect(flow: Flow<ChatEvent>) {
        try {
            flow.collect(::add)
        } catch (e: Throwable) {
            // The reader sees the failure, or the close's cancellation, after the events buffered before it.
            failure = e
        } finally {
            ended = true
        }
    }

    private suspend fun add(event: ChatEvent) {
        coroutineContext.ensureActive()
        buffered.addLast(event)
        if (event is ChatEvent.Stop) stopAdded = true
        // A first event decoded while the reader waits for it waits for the reader as a full buffer does: on the
        // reader's thread the collection would otherwise go on until it waits for bytes, which for a short turn is its
        // end (every other event decoded, the response done with) before the reader has its first event. Waiting is
        // the last call, so that an event added to a buffer with room costs no continuation object.
        val handOverFirst = awaitingFirst && producer.onReaderThread
        awaitingFirst = false
        if (buffered.size >= CoroutineBridge.EVENT_BUFFER || handOverFirst) awaitSpace()
    }

    private suspend fun awaitSpace() = suspendCancellableCoroutine { waitingForSpace = it }

    private inner class EventIterator : MutableIterator<ChatEvent> {
        private var next: ChatEvent? = null
        private var thrown: RuntimeException? = null
        private var done = false
        private val polled = ::poll

        override fun hasNext(): Boolean {
            if (next != null) return true
            thrown?.let { throw it }
            if (done) return false
            next = take()
            if (next != null) return true
            done = true
            // Our own close() cancels the collection too: that is the end of the iteration, not a failure.
            if (closed.get()) return false
            val cause = failure ?: return false
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
            // Mostly the event is buffered already; otherwise this thread runs the collection until it is.
            // Null from runUntil: a close after `stop` runs the collection (closed is set).
            val next = synchronized(lock) { buffered.pollFirst() } ?: try {
                producer.runUntil(polled) ?: return null
            } catch (e: InterruptedException) {
                close()
                throw interrupted(e)
            }
            return if (next === END || closed.get()) null else next as ChatEvent
        }

        /** Holding the lock: the next buffered event, [END] once the turn has ended, or null if there is none yet. */
        private fun poll(): Any? {
            buffered.pollFirst()?.let { return it }
            if (ended) return END
            // Empty: a collection that waited for room goes on now, on this thread, which waits for its events. (Resumed
            // while no reader waits, it would go on elsewhere while the reader drains the buffer, both taking the lock
            // by turns.)
            resumeCollection()
            return null
        }
    }

    /** Holding the lock: resumes a collection that waits for room in the buffer (on the thread in runUntil). */
    private fun resumeCollection() {
        waitingForSpace?.let {
            waitingForSpace = null
            it.resume(Unit)
        }
    }

    companion object {
        /** Starts collecting [flow] in [scope], on the calling thread until it first suspends; see the class. */
        fun open(scope: CoroutineScope, flow: Flow<ChatEvent>, fallback: CoroutineDispatcher): EventStream {
            val stream = ReaderEventStream(fallback)
            synchronized(stream.lock) {
                stream.collection = scope.launch(stream.producer, start = CoroutineStart.UNDISPATCHED) { stream.collect(flow) }
            }
            return stream
        }

        /** What [EventIterator.poll] returns at the end of the turn. */
        private val END = Any()
    }
}

package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.java.EventStream
import java.util.Spliterator
import java.util.Spliterators
import java.util.concurrent.atomic.AtomicBoolean
import java.util.stream.Stream
import java.util.stream.StreamSupport
import kotlinx.coroutines.channels.ChannelResult
import kotlinx.coroutines.channels.ReceiveChannel
import kotlinx.coroutines.runBlocking

/**
 * [EventStream] over a bounded channel that a coroutine fills from the turn's flow ([CoroutineBridge.eventStream]).
 * The reader takes events without locking or parking while the channel holds some (`tryReceive`); when it is empty
 * the reader runs that coroutine itself until it has sent more ([ReaderDispatcher]), and once that coroutine has
 * been handed to another thread (the turn was cancelled or is done) the reader waits for it there
 * (`runBlocking { receiveCatching() }`). A full channel suspends the producer, so a slow reader slows the read of
 * the response instead of filling memory.
 */
internal class ChannelEventStream(
    private val events: ReceiveChannel<ChatEvent>,
    private val producer: ReaderDispatcher,
) : EventStream {
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

    /** Cancels the producer, which closes the HTTP stream, and wakes a reader blocked on another thread. */
    override fun close() {
        if (closed.compareAndSet(false, true)) events.cancel()
    }

    override fun toString(): String = "EventStream(closed=${closed.get()})"

    private inner class EventIterator : MutableIterator<ChatEvent> {
        private var next: ChatEvent? = null
        private var failure: RuntimeException? = null
        private var ended = false

        override fun hasNext(): Boolean {
            if (next != null) return true
            failure?.let { throw it }
            if (ended) return false
            val result = received() ?: receiveBlocking()
            if (result.isSuccess) {
                next = result.getOrThrow()
                return true
            }
            val cause = result.exceptionOrNull()
            // Our own close() cancels the channel too: that is the end of the iteration, not a failure.
            if (cause == null || closed.get()) {
                ended = true
                return false
            }
            throw rethrown(cause).also { failure = it }
        }

        override fun next(): ChatEvent {
            if (!hasNext()) throw NoSuchElementException("The turn has no more events")
            return next!!.also { next = null }
        }

        override fun remove(): Unit = throw UnsupportedOperationException("A turn's events cannot be removed")

        /** An event or the end, if the channel has either now; null if it is empty and open. */
        private fun received(): ChannelResult<ChatEvent>? = events.tryReceive().takeUnless { it.isFailure && !it.isClosed }

        private fun receiveBlocking(): ChannelResult<ChatEvent> = try {
            producer.runUntil(::received) ?: runBlocking { events.receiveCatching() }
        } catch (e: InterruptedException) {
            close()
            throw interrupted(e)
        }
    }
}

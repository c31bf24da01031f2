package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicReference
import kotlin.concurrent.thread
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.flow.flow

/**
 * A blocking EventStream closed once the turn's `stop` arrived lets its flow finish (the SDK's flow then reads the
 * rest of the response) instead of cancelling it, and returns once it has; closed before `stop`, it cancels. The
 * flow here stands for a turn whose response ends only when the test says so ([restOfResponse]).
 */
class ClosingAfterStopSpec : FunSpec({
    val bridge = CoroutineBridge(Dispatchers.IO)
    afterSpec { bridge.close() }

    /** A turn of one delta and `stop`, whose response ends once [restOfResponse] completes; [ending] says how it ended. */
    class Turn {
        val restOfResponse = CompletableDeferred<Unit>()
        val ending = AtomicReference<String>()
        val flow = flow {
            emit(ChatEvent.TextDelta("Hello"))
            emit(ChatEvent.Stop(null, false, Usage()))
            try {
                restOfResponse.await()
                ending.set("read to its end")
            } catch (e: CancellationException) {
                ending.set("cancelled")
                throw e
            }
        }
    }

    /** Waits (10 s at most) until [closing] is parked in close(), or gone: it then waits for the rest of the response. */
    fun awaitWaiting(closing: Thread) {
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10)
        while (closing.isAlive && closing.state != Thread.State.WAITING && System.nanoTime() < deadline) Thread.sleep(1)
    }

    test("closed right at its stop, the stream waits for the end of the response instead of cutting it") {
        val turn = Turn()
        val stream = bridge.eventStream(turn.flow)
        val events = stream.iterator()
        events.next() shouldBe ChatEvent.TextDelta("Hello")
        (events.next() is ChatEvent.Stop) shouldBe true

        val closing = thread(name = "closing") { stream.close() }
        awaitWaiting(closing)
        turn.restOfResponse.complete(Unit)
        closing.join(10_000)

        closing.isAlive shouldBe false
        turn.ending.get() shouldBe "read to its end"
        events.hasNext() shouldBe false
    }

    test("closed after stop while its reader waits on another thread, both end once the response has") {
        val turn = Turn()
        val stream = bridge.eventStream(turn.flow)
        val sawStop = CountDownLatch(1)
        val failure = AtomicReference<Throwable>()
        val reader = thread(name = "reader") {
            try {
                for (event in stream) if (event is ChatEvent.Stop) sawStop.countDown()
            } catch (e: Throwable) {
                failure.set(e)
            }
        }
        sawStop.await(10, TimeUnit.SECONDS) shouldBe true

        val closing = thread(name = "closing") { stream.close() }
        awaitWaiting(closing)
        turn.restOfResponse.complete(Unit)
        closing.join(10_000)
        reader.join(10_000)

        closing.isAlive shouldBe false
        reader.isAlive shouldBe false
        failure.get() shouldBe null
        turn.ending.get() shouldBe "read to its end"
    }

    test("closed before its stop, the stream cancels the turn") {
        val ending = AtomicReference<String>()
        val stream = bridge.eventStream(
            flow {
                emit(ChatEvent.TextDelta("Hello"))
                try {
                    awaitCancellation() // the rest of the turn, which never comes
                } catch (e: CancellationException) {
                    ending.set("cancelled")
                    throw e
                }
            },
        )
        stream.iterator().next() shouldBe ChatEvent.TextDelta("Hello")
        stream.close()
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10)
        while (ending.get() == null && System.nanoTime() < deadline) Thread.sleep(1)
        ending.get() shouldBe "cancelled"
    }
})

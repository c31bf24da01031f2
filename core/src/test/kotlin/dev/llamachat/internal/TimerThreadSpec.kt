package dev.llamachat.internal

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.random.Random

class TimerThreadSpec : FunSpec({
    context("the heap of deadlines") {
        test("gives the deadlines still armed back earliest first, whatever was added and removed in between") {
            val random = Random(13)
            repeat(50) {
                val heap = DeadlineHeap()
                val armed = ArrayList<DeadlineHeap.Entry>()
                repeat(random.nextInt(1, 200)) {
                    if (armed.isNotEmpty() && random.nextInt(3) == 0) {
                        heap.remove(armed.removeAt(random.nextInt(armed.size))) shouldBe true
                    } else {
                        DeadlineHeap.Entry(random.nextLong(-1_000, 1_000), Runnable {}).also { heap.add(it); armed += it }
                    }
                }
                val order = generateSequence { heap.peek()?.also { heap.remove(it) } }.map { it.at }.toList()
                order shouldBe armed.map { it.at }.sorted()
            }
        }
        test("orders deadlines across the wrap-around of nanoTime, as differences") {
            val heap = DeadlineHeap()
            val late = DeadlineHeap.Entry(Long.MIN_VALUE + 5, Runnable {})
            val early = DeadlineHeap.Entry(Long.MAX_VALUE - 5, Runnable {})
            heap.add(late)
            heap.add(early)
            heap.peek() shouldBe early
        }
        test("removing an entry that is not in it changes nothing") {
            val heap = DeadlineHeap()
            val entry = DeadlineHeap.Entry(1, Runnable {})
            heap.add(entry)
            heap.remove(entry) shouldBe true
            heap.remove(entry) shouldBe false
            heap.size shouldBe 0
        }
    }

    context("the timer thread") {
        test("runs an action once its deadline has passed") {
            val timer = TimerThread("timer-test")
            val ran = CountDownLatch(1)
            timer.schedule(TimeUnit.MILLISECONDS.toNanos(1)) { ran.countDown() }
            ran.await(10, TimeUnit.SECONDS) shouldBe true
            timer.pending shouldBe 0
        }
        test("a disposed deadline leaves nothing behind, and the ones after it still run") {
            val timer = TimerThread("timer-test")
            val runs = AtomicInteger()
            val disposed = timer.schedule(TimeUnit.MINUTES.toNanos(10)) { runs.incrementAndGet() }
            timer.pending shouldBe 1
            disposed.dispose()
            timer.pending shouldBe 0
            val ran = CountDownLatch(1)
            timer.schedule(0) { ran.countDown() }
            ran.await(10, TimeUnit.SECONDS) shouldBe true
            runs.get() shouldBe 0
        }
        test("an earlier deadline armed while the thread sleeps towards a later one runs first") {
            val timer = TimerThread("timer-test")
            val late = timer.schedule(TimeUnit.MINUTES.toNanos(10)) {}
            val ran = CountDownLatch(1)
            timer.schedule(TimeUnit.MILLISECONDS.toNanos(1)) { ran.countDown() }
            ran.await(10, TimeUnit.SECONDS) shouldBe true
            late.dispose()
        }
        test("an action may arm the next deadline, as the idle watch does") {
            val timer = TimerThread("timer-test")
            val ran = CountDownLatch(3)
            fun next() {
                ran.countDown()
                if (ran.count > 0) timer.schedule(0) { next() }
            }
            timer.schedule(0) { next() }
            ran.await(10, TimeUnit.SECONDS) shouldBe true
        }
        test("a failing action goes to the uncaught-exception handler, and the deadlines after it still run") {
            val reported = CopyOnWriteArrayList<Throwable>()
            val before = Thread.getDefaultUncaughtExceptionHandler()
            Thread.setDefaultUncaughtExceptionHandler { _, e -> reported += e }
            try {
                val timer = TimerThread("timer-test")
                val failure = IllegalStateException("the SDK's bug")
                timer.schedule(0) { throw failure }
                val ran = CountDownLatch(1)
                timer.schedule(TimeUnit.MILLISECONDS.toNanos(1)) { ran.countDown() }
                ran.await(10, TimeUnit.SECONDS) shouldBe true
                reported shouldBe listOf(failure)
            } finally {
                Thread.setDefaultUncaughtExceptionHandler(before)
            }
        }
        test("an idle thread ends, and the next deadline starts another") {
            val timer = TimerThread("timer-test", keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(1))
            val first = CountDownLatch(1)
            timer.schedule(0) { first.countDown() }
            first.await(10, TimeUnit.SECONDS) shouldBe true
            repeat(10_000) { if (timer.isRunning) Thread.sleep(1) }
            timer.isRunning shouldBe false
            val second = CountDownLatch(1)
            timer.schedule(0) { second.countDown() }
            second.await(10, TimeUnit.SECONDS) shouldBe true
        }
    }
})

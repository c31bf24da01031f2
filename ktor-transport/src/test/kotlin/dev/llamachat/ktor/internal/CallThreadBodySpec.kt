package dev.llamachat.ktor.internal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import java.io.ByteArrayOutputStream
import java.io.IOException
import java.util.concurrent.ArrayBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread
import kotlin.random.Random
import kotlinx.coroutines.runBlocking
import okio.Buffer

private fun CallThreadBody.put(chunk: ByteArray, length: Int = chunk.size): Boolean = put(Buffer().write(chunk, 0, length))

/** Reads everything [body] delivers, in reads of random lengths. */
private suspend fun readAll(body: CallThreadBody, random: Random): ByteArray {
    val out = ByteArrayOutputStream()
    val buffer = ByteArray(9000)
    while (true) {
        val length = random.nextInt(1, buffer.size + 1)
        val read = body.read(buffer, 0, length)
        if (read < 0) return out.toByteArray()
        read shouldBeLessThanOrEqual length
        out.write(buffer, 0, read)
    }
}

/** Waits (a minute at most) until [thread] is parked: a call thread held by a full body. */
private fun awaitWaiting(thread: Thread) {
    val deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1)
    while (thread.state != Thread.State.WAITING) {
        check(thread.isAlive && System.nanoTime() < deadline) { "the call thread never waited: ${thread.state}" }
        Thread.sleep(1)
    }
}

/** The hand-off between OkHttp's call thread and the reader's coroutine, each side on its own thread. */
class CallThreadBodySpec : FunSpec({
    test("is exhausted only once the body has ended and every byte of it was read") {
        val body = CallThreadBody(limit = 1024)
        val buffer = ByteArray(8)
        body.isExhausted.shouldBeFalse()
        body.put("0123456789".toByteArray()).shouldBeTrue()
        body.end(null)
        body.isExhausted.shouldBeFalse()
        runBlocking { body.read(buffer, 0, buffer.size) } shouldBe 8
        body.isExhausted.shouldBeFalse()
        runBlocking { body.read(buffer, 0, buffer.size) } shouldBe 2
        body.isExhausted.shouldBeTrue()
        runBlocking { body.read(buffer, 0, buffer.size) } shouldBe -1
    }

    test("every byte arrives once and in order, whatever the chunk and read sizes, the limit reached or not") {
        for (seed in 1..20) {
            val random = Random(seed)
            val bytes = random.nextBytes(random.nextInt(0, 200_000))
            // A small limit holds the call thread often; a large one lets a lagging reader's bytes span blocks.
            val body = CallThreadBody(limit = if (seed % 2 == 0) 1024 else 64 * 1024)
            val writer = thread(name = "call") {
                val chunks = Random(seed + 1000)
                var next = 0
                while (next < bytes.size) {
                    val size = minOf(bytes.size - next, chunks.nextInt(1, 300))
                    body.put(bytes.copyOfRange(next, next + size)).shouldBeTrue()
                    next += size
                }
                body.end(null)
            }
            runBlocking { readAll(body, Random(seed + 2000)) }.contentEquals(bytes).shouldBeTrue()
            writer.join()
            body.isComplete.shouldBeTrue()
        }
    }

    test("the call thread waits while the limit is unread, until the reader has read a quarter of it") {
        val body = CallThreadBody(limit = 8)
        body.put(ByteArray(8) { 1 }).shouldBeTrue()
        val putDone = ArrayBlockingQueue<Boolean>(1)
        val writer = thread(name = "call") { putDone.add(body.put(ByteArray(4) { 2 })) }
        awaitWaiting(writer)
        val buffer = ByteArray(16)
        runBlocking { body.read(buffer, 0, 3) } shouldBe 3 // 3 of the 8 read, more than a quarter: the call thread goes on
        putDone.poll(1, TimeUnit.MINUTES) shouldBe true
        writer.join()
        body.end(null)
        // The 5 left of the first chunk, then the second one.
        runBlocking { readAll(body, Random(1)) }.toList() shouldBe List(5) { 1.toByte() } + List(4) { 2.toByte() }
    }

    test("what the reader took counts against the limit until it has read it: the heap holds one limit, not two") {
        val body = CallThreadBody(limit = 8)
        body.put(ByteArray(8) { 1 }).shouldBeTrue()
        runBlocking { body.read(ByteArray(1), 0, 1) } shouldBe 1 // takes all 8 held, reads 1
        val putDone = ArrayBlockingQueue<Boolean>(1)
        val writer = thread(name = "call") { putDone.add(body.put(ByteArray(4) { 2 })) }
        awaitWaiting(writer) // 7 taken and unread, and the limit 8: the call thread waits
        runBlocking { body.read(ByteArray(1), 0, 1) } shouldBe 1 // 2 read, a quarter: given back
        putDone.poll(1, TimeUnit.MINUTES) shouldBe true
        writer.join()
        body.end(null)
        runBlocking { readAll(body, Random(2)) }.toList() shouldBe List(6) { 1.toByte() } + List(4) { 2.toByte() }
    }

    test("what arrives while earlier bytes wait is gathered after them, across blocks, and the buffer is reused") {
        val body = CallThreadBody(limit = 1 shl 20)
        val expected = ByteArrayOutputStream()
        val buffer = ByteArray(3000)
        // Nothing is read meanwhile: the first read gets an array of its own, the others go into blocks.
        for (i in 0 until 40) {
            buffer.fill(i.toByte())
            val length = 1 + (i * 397) % buffer.size
            body.put(buffer, length).shouldBeTrue()
            expected.write(buffer, 0, length)
        }
        body.end(null)
        runBlocking { readAll(body, Random(3)) }.contentEquals(expected.toByteArray()).shouldBeTrue()
    }

    test("a body that broke off fails its reader after the bytes that came before") {
        val body = CallThreadBody(limit = 64)
        body.put("abc".toByteArray()).shouldBeTrue()
        body.end(IOException("connection reset"))
        val buffer = ByteArray(8)
        runBlocking {
            body.read(buffer, 0, 8) shouldBe 3
            buffer.decodeToString(0, 3) shouldBe "abc"
            shouldThrow<IOException> { body.read(buffer, 0, 8) }.message shouldBe "connection reset"
        }
        body.isComplete.shouldBeFalse()
    }

    test("a reader that leaves releases a call thread held by the limit, and refuses what comes after") {
        val body = CallThreadBody(limit = 8)
        body.put(ByteArray(8)).shouldBeTrue()
        val putDone = ArrayBlockingQueue<Boolean>(1)
        val writer = thread(name = "call") { putDone.add(body.put(ByteArray(1))) }
        awaitWaiting(writer)
        body.abandon()
        putDone.poll(1, TimeUnit.MINUTES) shouldBe false
        writer.join()
        body.end(null)
        body.isComplete.shouldBeFalse() // the connection cannot serve another call: the caller cancels it
    }

    test("an empty body ends at once and is complete") {
        val body = CallThreadBody(limit = 64)
        body.end(null)
        runBlocking { body.read(ByteArray(4), 0, 4) } shouldBe -1
        body.isComplete.shouldBeTrue()
    }
})

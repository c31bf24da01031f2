package dev.llamachat.java

import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import dev.llamachat.testkit.kotest.LocalLlamaCloudExtension
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.time.Duration
import java.util.concurrent.CancellationException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/**
 * `wrap` called from Kotlin on a Kotlin-built client, as its Javadoc promises: "The Kotlin client stays its
 * creator's: close() cancels this face's calls but does not close it." Over loopback, against testkit.
 */
class WrapFromKotlinSpec : FunSpec({
    val server = install(LocalLlamaCloudExtension())

    fun kotlinClient() = LlamaCloudChat { apiKey = "any"; baseUrl = server.baseUrl }

    fun turn(prompt: String) = StreamParams.builder().prompt(prompt).addIndexId(LocalLlamaCloud.DEMO_INDEX).build()

    afterTest { server.awaitIdle(Duration.ofSeconds(10)) shouldBe true }

    test("closing the async face cancels its running call and refuses new ones; the Kotlin client stays open") {
        kotlinClient().use { chat ->
            val face = LlamaCloudChatClientAsync.wrap(chat)
            val id = face.create().join().sessionId
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM)
            val firstEvent = CountDownLatch(1)
            val running = face.ask(id, turn("What were the main findings in Q3?")) { firstEvent.countDown() }
            firstEvent.await(10, TimeUnit.SECONDS) shouldBe true

            face.close()

            shouldThrow<CancellationException> { running.join() }
            shouldThrow<IllegalStateException> { face.summary(id) }
            chat.summary(id).sessionId shouldBe id
            chat.session(id, listOf(LocalLlamaCloud.DEMO_INDEX)).ask("And in Q4?").text.isNotEmpty() shouldBe true
        }
    }

    /** The threads [face]'s event callbacks of one asynchronous turn ran on, as named when created. */
    fun callbackThreads(face: LlamaCloudChatClientAsync): Set<String> {
        val threads = ConcurrentHashMap.newKeySet<String>()
        val id = face.create().join().sessionId
        // Coroutine debug mode (tests run with -ea) appends " @coroutine#n" to the thread's name.
        face.ask(id, turn("bench:3")) { threads += Thread.currentThread().name.substringBefore(" @") }.join()
        return threads
    }

    test("a face wrapped on an executor, async or blocking, calls back there; closing it leaves the Kotlin client open") {
        val executor = Executors.newSingleThreadExecutor { task -> Thread(task, "kotlin-wrapped") }
        try {
            kotlinClient().use { chat ->
                LlamaCloudChatClientAsync.wrap(chat, executor).use { face -> callbackThreads(face) shouldBe setOf("kotlin-wrapped") }
                LlamaCloudChatClient.wrap(chat, executor).use { face -> callbackThreads(face.async()) shouldBe setOf("kotlin-wrapped") }
                chat.listPage().items.isNotEmpty() shouldBe true
            }
        } finally {
            executor.shutdownNow()
        }
    }

    test("closing the blocking face refuses new calls and leaves the Kotlin client open") {
        kotlinClient().use { chat ->
            val face = LlamaCloudChatClient.wrap(chat)
            val id = face.create().sessionId
            face.ask(id, turn("bench:3")).text.isNotEmpty() shouldBe true

            face.close()

            shouldThrow<IllegalStateException> { face.summary(id) }
            chat.summary(id).sessionId shouldBe id
        }
    }
})

package dev.llamachat.ktor.internal

import dev.llamachat.ChatEvent
import dev.llamachat.internal.SessionSummarySerializer
import dev.llamachat.ktor.LlamaCloudChatConfig
import dev.llamachat.ktor.TEST_KEY
import dev.llamachat.ktor.startServer
import dev.llamachat.ktor.testChat
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.LocalLlamaCloud.Companion.DEMO_INDEX
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.HttpClient
import io.ktor.client.engine.okhttp.OkHttp
import java.time.Duration
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.isActive
import okhttp3.OkHttpClient

/**
 * When the SDK's own OkHttp client carries the calls, the Ktor client (for everything but streams) is made by the
 * first call that needs it: an application that only streams never pays for it.
 */
class ClientHandleSpec : FunSpec({
    val server = startServer()
    afterSpec { server.close() }

    val requests = Requests(null, null)
    val summary = JsonBody(SessionSummarySerializer, "a session summary")

    fun config(server: LocalLlamaCloud) = LlamaCloudChatConfig().apply {
        apiKey = TEST_KEY
        baseUrl = server.baseUrl
    }

    fun settings(server: LocalLlamaCloud) = ClientSettings.from(config(server), Timing())

    test("a client that only streams never makes its Ktor client; an ordinary call then makes it, on the streams' connections") {
        LocalLlamaCloud.builder().apiKey(TEST_KEY).start().use { fresh ->
            val session = testChat(fresh).use { it.create(listOf(DEMO_INDEX)) }
            val settings = ClientSettings.from(config(fresh), Timing())
            val handle = HttpClients.create(config(fresh), settings)
            val transport = HttpTransport(settings, handle)
            try {
                repeat(2) {
                    val turn = requests.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX), null, null)
                    EventStreamBody.flow(transport, turn).toList().last().shouldBeInstanceOf<ChatEvent.Stop>()
                }
                handle.ktorClientCreated shouldBe false
                fresh.awaitIdle(Duration.ofSeconds(5)) shouldBe true
                val connections = fresh.connectionsSeen

                transport.execute(requests.summary(session.sessionId, null, null), summary).value.sessionId shouldBe session.sessionId
                handle.ktorClientCreated shouldBe true
                // One pool under both paths: the call took the connection the streams left idle.
                fresh.connectionsSeen shouldBe connections
            } finally {
                transport.close()
            }
        }
    }

    test("calls that all need the Ktor client at once make one") {
        val made = AtomicInteger()
        val direct = OkHttpClient()
        val handle = ClientHandle(direct) { made.incrementAndGet(); HttpClient(OkHttp) { engine { preconfigured = direct } } }
        val transport = HttpTransport(settings(server), handle)
        try {
            val session = testChat(server).use { it.create(listOf(DEMO_INDEX)) }
            coroutineScope {
                List(16) { async(Dispatchers.IO) { transport.execute(requests.summary(session.sessionId, null, null), summary) } }.awaitAll()
            }
            made.get() shouldBe 1
        } finally {
            transport.close()
        }
    }

    context("closing shuts the shared OkHttp client down") {
        test("and closes the Ktor client a call made") {
            val direct = OkHttpClient()
            var ktor: HttpClient? = null
            val handle = ClientHandle(direct) { HttpClient(OkHttp) { engine { preconfigured = direct } }.also { ktor = it } }
            val transport = HttpTransport(settings(server), handle)
            val session = testChat(server).use { it.create(listOf(DEMO_INDEX)) }
            transport.execute(requests.summary(session.sessionId, null, null), summary)

            transport.close()
            transport.close() // idempotent
            ktor?.isActive shouldBe false
            direct.dispatcher.executorService.isShutdown shouldBe true
            shouldThrow<IllegalStateException> { transport.execute(requests.summary(session.sessionId, null, null), summary) }
                .message shouldContain "closed"
        }

        test("and never makes a Ktor client no call made, even for a call that got past the closed check") {
            val direct = OkHttpClient()
            val made = AtomicInteger()
            val handle = ClientHandle(direct) { made.incrementAndGet(); HttpClient(OkHttp) { engine { preconfigured = direct } } }
            val transport = HttpTransport(settings(server), handle)

            transport.close()
            direct.dispatcher.executorService.isShutdown shouldBe true
            shouldThrow<IllegalStateException> { transport.execute(requests.summary("ses-1", null, null), summary) }
                .message shouldContain "closed"
            shouldThrow<IllegalStateException> { handle.exchangeFor(streaming = false) }.message shouldContain "closed"
            handle.ktorClientCreated shouldBe false
            made.get() shouldBe 0
        }
    }
})

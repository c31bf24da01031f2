package dev.llamachat.ktor

import dev.llamachat.ktor.LlamaCloudChatConfig.LogLevel
import dev.llamachat.ktor.internal.Environment
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud.Companion.DEMO_INDEX
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.string.shouldNotContain
import java.util.concurrent.CopyOnWriteArrayList
import java.util.logging.Handler
import java.util.logging.Level
import java.util.logging.LogRecord
import java.util.logging.Logger
import kotlinx.coroutines.flow.toList

/**
 * The SDK's log lines through SLF4J (routed to java.util.logging in this module's tests by slf4j-jdk14): which
 * lines at which level, switched by [LlamaCloudChatConfig.logLevel] or `LLAMA_CLOUD_LOG`, never the key.
 */
class LoggingSpec : FunSpec({
    val server = startServer()
    afterSpec { server.close() }
    beforeEach {
        server.clearRequests()
        server.clearQueue()
    }

    /** Records what reaches the JUL logger `dev.llamachat.http` while [block] runs. */
    suspend fun captured(block: suspend () -> Unit): List<Pair<Level, String>> {
        val records = CopyOnWriteArrayList<Pair<Level, String>>()
        val handler = object : Handler() {
            override fun publish(record: LogRecord) {
                records += record.level to record.message
            }

            override fun flush() {}
            override fun close() {}
        }
        val logger = Logger.getLogger("dev.llamachat.http")
        logger.level = Level.ALL
        logger.addHandler(handler)
        try {
            block()
        } finally {
            logger.removeHandler(handler)
        }
        return records
    }

    test("DEBUG: a line per request and answer, INFO a line per retry; never a header or the key") {
        val lines = captured {
            testChat(server) { logLevel = LogLevel.DEBUG }.use { chat ->
                server.enqueue(ScriptedResponse.status(503), Endpoint.CREATE)
                val session = chat.create(listOf(DEMO_INDEX))
                chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).toList()
            }
        }
        lines.map { it.first } shouldBe listOf(Level.FINE, Level.FINE, Level.INFO, Level.FINE, Level.FINE, Level.FINE, Level.FINE)
        val text = lines.map { it.second }
        text[0] shouldBe "--> POST /api/v1/chat"
        text[1] shouldMatch Regex("""<-- 503 POST /api/v1/chat \(\d+ ms\) \[request id req_\d+]""")
        text[2] shouldBe "Retrying POST /api/v1/chat in 500 ms after 503 (retry 1 of 2)"
        text[3] shouldBe "--> POST /api/v1/chat (retry 1)"
        text[4] shouldMatch Regex("""<-- 200 POST /api/v1/chat \(\d+ ms\).*""")
        text[5] shouldMatch Regex("""--> POST /api/v1/chat/[^/]+/messages/stream""")
        text[6] shouldMatch Regex("""<-- 200 POST /api/v1/chat/[^/]+/messages/stream \(\d+ ms\).*""")
        for (line in text) {
            line shouldNotContain TEST_KEY
            line.lowercase() shouldNotContain "authorization"
            line.lowercase() shouldNotContain "bearer"
        }
    }

    test("WARN: a call that failed for good, with its cause; nothing of the successful calls") {
        val lines = captured {
            testChat(server) { logLevel = LogLevel.WARN; maxRetries = 0 }.use { chat ->
                chat.listPage()
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart()), Endpoint.LIST)
                runCatching { chat.listPage() }
            }
        }
        lines.map { it.first } shouldBe listOf(Level.WARNING)
        lines.single().second shouldContain "GET /api/v1/chat failed before a complete response arrived"
    }

    test("a 4xx that ends a call is INFO, not a warning: the caller's to fix") {
        val lines = captured {
            testChat(server) { logLevel = LogLevel.INFO }.use { chat -> runCatching { chat.summary("ses-missing") } }
        }
        lines.map { it.first } shouldBe listOf(Level.INFO)
        lines.single().second shouldContain "404"
    }

    test("OFF, or no level, no sink and no LLAMA_CLOUD_LOG: nothing") {
        val lines = captured {
            testChat(server) { logLevel = LogLevel.OFF }.use { it.listPage() }
            testChat(server).use { it.listPage() }
        }
        lines.shouldBeEmpty()
    }

    test("a key the server echoes into an error is not logged") {
        val lines = captured {
            testChat(server) { logLevel = LogLevel.DEBUG; maxRetries = 0 }.use { chat ->
                server.enqueue(ScriptedResponse.status(500).withBody("application/json", """{"detail":"bad header Authorization: Bearer $TEST_KEY"}"""), Endpoint.LIST)
                runCatching { chat.listPage() }
            }
        }
        lines.map { it.second }.joinToString("\n") shouldNotContain TEST_KEY
        lines.last().first shouldBe Level.WARNING
    }

    test("a logger sink receives the lines instead of SLF4J, at DEBUG unless a level is set") {
        val sink = CopyOnWriteArrayList<String>()
        val lines = captured {
            testChat(server) { logger = { sink += it } }.use { it.listPage() }
        }
        lines.shouldBeEmpty()
        sink.size shouldBe 2
        sink[0] shouldBe "--> GET /api/v1/chat"
    }

    test("LLAMA_CLOUD_LOG is read in any case; other values are ignored") {
        Environment.logLevel(mapOf("LLAMA_CLOUD_LOG" to "debug")) shouldBe LogLevel.DEBUG
        Environment.logLevel(mapOf("LLAMA_CLOUD_LOG" to " INFO ")) shouldBe LogLevel.INFO
        Environment.logLevel(mapOf("LLAMA_CLOUD_LOG" to "verbose")) shouldBe null
        Environment.logLevel(emptyMap()) shouldBe null
        LlamaCloudChatConfig().apply { loadEnvironment(mapOf("LLAMA_CLOUD_LOG" to "info")) }.logLevel shouldBe LogLevel.INFO
    }
})

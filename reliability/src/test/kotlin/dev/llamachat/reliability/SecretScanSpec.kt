package dev.llamachat.reliability

import dev.llamachat.ApiException
import dev.llamachat.LlamaCloudException
import dev.llamachat.MalformedEventException
import dev.llamachat.StreamException
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.ktor.LlamaCloudChatConfig
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import dev.llamachat.testkit.SseFrames
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.net.URLEncoder
import java.util.Base64
import java.util.Collections
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.withTimeout

/** Every form in which the key could leak: as is, in a header, Base64-encoded (bearer or basic), percent-encoded. */
private val FORMS: List<String> = listOf(
    CANARY_KEY,
    CANARY_KEY.removePrefix("llx-"),
    Base64.getEncoder().encodeToString(CANARY_KEY.toByteArray()),
    Base64.getEncoder().encodeToString(":$CANARY_KEY".toByteArray()).dropLast(4),
    URLEncoder.encode("Bearer $CANARY_KEY", Charsets.UTF_8),
)

/** Everything a caller, a log or a crash report could show of a failure. */
private fun visibleText(failure: Throwable): String = buildString {
    append(failure.toString()).append('\n').append(failure.stackTraceToString())
    if (failure is ApiException) append(failure.headers).append(failure.body).append(failure.detail).append(failure.validationErrors)
    if (failure is MalformedEventException) append(failure.rawData)
    if (failure is StreamException) append(failure.lastEventType)
}

/**
 * The API key never leaks: every error case the suite knows (statuses, broken and hostile streams, timeouts, a
 * server that echoes the request back) is run with a distinctive key and logging on, and every captured text
 * (exception messages, `toString`, rendered stack traces with their causes, log lines, the console) is searched
 * for the key in each of its encodings.
 */
class SecretScanSpec : FunSpec({
    val captured = Collections.synchronizedList(ArrayList<Pair<String, String>>())
    val log = Collections.synchronizedList(ArrayList<String>())
    val console = ByteArrayOutputStream()
    val realOut = System.out
    val realErr = System.err
    val scenarios = java.util.concurrent.atomic.AtomicInteger()

    beforeSpec {
        val tee = { real: PrintStream -> PrintStream(object : java.io.OutputStream() {
            override fun write(b: Int) { synchronized(console) { console.write(b) }; real.write(b) }
            override fun write(b: ByteArray, off: Int, len: Int) { synchronized(console) { console.write(b, off, len) }; real.write(b, off, len) }
        }, true) }
        System.setOut(tee(realOut))
        System.setErr(tee(realErr))
    }
    afterSpec {
        System.setOut(realOut)
        System.setErr(realErr)
    }

    fun config(baseUrl: String): LlamaCloudChatConfig.() -> Unit = {
        this.baseUrl = baseUrl
        logger = { line -> log += line }
        maxRetries = 1
    }

    /** Runs [block], which must fail with a LlamaCloudException, and keeps what it shows. */
    suspend fun scan(label: String, block: suspend () -> Any?) {
        scenarios.incrementAndGet()
        val failure = try {
            withTimeout(HANG_GUARD) { block() }
            null
        } catch (e: LlamaCloudException) {
            e
        } catch (e: java.util.concurrent.CompletionException) {
            e
        }
        failure.shouldBeInstanceOf<Throwable>()
        val text = visibleText(failure)
        captured += label to text
        println("secret scan, $label: ${failure.javaClass.simpleName}")
    }

    fun leaks(): List<String> {
        val texts = captured.toList() + ("log" to log.joinToString("\n")) + ("console" to synchronized(console) { console.toString(Charsets.UTF_8) })
        // Forms are named by their index: printing them would put the key on the console.
        return texts.flatMap { (label, text) -> FORMS.indices.filter { FORMS[it] in text }.map { form -> "$label shows the key (form $form)" } }.distinct()
    }

    context("error statuses") {
        test("401, 404, 422, 429, 500 and 503, including bodies that echo the request's Authorization header") {
            LocalLlamaCloud.builder().apiKey("the-right-key").start().use { server ->
                testChat(server.baseUrl, config(server.baseUrl)).use { chat ->
                    scan("401") { chat.create() }
                }
            }
            LocalLlamaCloud.builder().apiKey(CANARY_KEY).start().use { server ->
                testChat(server.baseUrl, config(server.baseUrl)).use { chat ->
                    scan("404") { chat.retrieve("ses-missing") }
                    val echo = "POST /api/v1/chat HTTP/1.1\r\nAuthorization: Bearer $CANARY_KEY\r\nX-Api-Key: $CANARY_KEY\r\n"
                    server.enqueue(ScriptedResponse.status(422).withBody("application/json", """{"detail":[{"loc":["header","authorization"],"msg":"bad value Bearer $CANARY_KEY","type":"value_error"}]}"""))
                    scan("422 echoing the header") { chat.create() }
                    server.enqueue(ScriptedResponse.status(429).withHeader("Retry-After", "1").withHeader("Set-Cookie", "s=$CANARY_KEY"), times = 2)
                    scan("429") { chat.listPage() }
                    server.enqueue(ScriptedResponse.status(500).withBody("text/plain", echo), times = 2)
                    scan("500 echoing the request") { chat.summary("ses-1") }
                    server.enqueue(ScriptedResponse.status(503).withHeader("WWW-Authenticate", "Bearer $CANARY_KEY").withBody("application/json", """{"detail":"$echo"}"""), times = 2)
                    scan("503 echoing in JSON") { chat.delete("ses-1") }
                }
            }
            leaks().shouldBeEmpty()
        }
    }

    context("streams") {
        test("cut, malformed (echoing the key), idle timeout, request timeout, refused connection") {
            LocalLlamaCloud.builder().apiKey(CANARY_KEY).start().use { server ->
                testChat(server.baseUrl, config(server.baseUrl)).use { chat ->
                    val id = chat.create(listOf(LocalLlamaCloud.DEMO_INDEX)).sessionId
                    suspend fun turn() = chat.stream(id, "What were the main findings in Q3?", listOf(LocalLlamaCloud.DEMO_INDEX)).collect {}
                    server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAfterEvents(3)), Endpoint.STREAM)
                    scan("stream cut") { turn() }
                    server.enqueue(ScriptedResponse.serve().withFrameAfter(2, SseFrames.frame(null, """{"type":"text_delta","echo":"Bearer $CANARY_KEY", """)), Endpoint.STREAM)
                    scan("malformed event echoing the key") { turn() }
                    server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM)
                    scan("idle timeout") {
                        testChat(server.baseUrl) { config(server.baseUrl)(); streamIdleTimeout = 200.milliseconds }.use { slow ->
                            slow.stream(id, "What were the main findings in Q3?", listOf(LocalLlamaCloud.DEMO_INDEX)).collect {}
                        }
                    }
                    server.awaitIdle(java.time.Duration.ofSeconds(10))
                    server.enqueue(ScriptedResponse.serve().withHeadDelay(java.time.Duration.ofSeconds(2)), Endpoint.SUMMARY, times = 2)
                    scan("request timeout") {
                        testChat(server.baseUrl) { config(server.baseUrl)(); requestTimeout = 200.milliseconds }.use { it.summary(id) }
                    }
                }
            }
            scan("connection refused") { testChat("http://127.0.0.1:1", config("http://127.0.0.1:1")).use { it.summary("ses-1") } }
            leaks().shouldBeEmpty()
        }
    }

    context("hostile servers that echo the request") {
        // The echo puts the key first and near where a parser stops, so that no excerpt can miss it by luck.
        val echoing = { status: Int, type: String ->
            RawHttpServer { ex ->
                val key = ex.request.header("authorization")
                ex.head(status, mapOf("Content-Type" to type))
                ex.write(if (type.contains("json")) "{\"session_id\":5,\"echo\":\"$key\"}" else "Authorization: $key\r\n${ex.request.headers}")
            }
        }
        test("a 200 page that is neither JSON nor SSE, for a stream and for an ordinary call") {
            echoing(200, "text/html").use { server ->
                testChat(server.baseUrl, config(server.baseUrl)).use { chat ->
                    scan("stream answered with an HTML echo") { chat.stream("ses-1", "hi", listOf("idx-demo")).collect {} }
                    scan("call answered with an HTML echo") { chat.summary("ses-1") }
                }
            }
            leaks().shouldBeEmpty()
        }
        test("a 200 JSON body of the wrong shape that echoes the request") {
            echoing(200, "application/json").use { server ->
                testChat(server.baseUrl, config(server.baseUrl)).use { chat ->
                    scan("call answered with a JSON echo") { chat.summary("ses-1") }
                }
            }
            leaks().shouldBeEmpty()
        }
        test("an SSE stream whose event echoes the request") {
            RawHttpServer { ex ->
                ex.head(200, mapOf("Content-Type" to "text/event-stream"))
                ex.write("data: {\"type\":\"text_delta\",\"content\":5,\"echo\":\"${ex.request.header("authorization")}\"}\n\n")
            }.use { server ->
                testChat(server.baseUrl, config(server.baseUrl)).use { chat ->
                    scan("malformed event echoing the header") { chat.stream("ses-1", "hi", listOf("idx-demo")).collect {} }
                }
            }
            leaks().shouldBeEmpty()
        }
    }

    context("objects") {
        test("toString of the clients and their configuration; a Java future's and a Java publisher's failure") {
            val config = LlamaCloudChatConfig().apply { apiKey = CANARY_KEY; baseUrl = "http://127.0.0.1:1"; logger = { log += it } }
            captured += "config" to config.toString()
            LlamaCloudChat.create(config).use { chat ->
                captured += "client" to chat.toString()
                JavaSecretCases.texts(chat, "http://127.0.0.1:1").forEachIndexed { i, text -> captured += "java $i" to text }
            }
            leaks().shouldBeEmpty()
        }
        test("the scan saw every scenario, and the log was on") {
            scenarios.get() shouldBeGreaterThan 14
            log.size shouldBeGreaterThan 20
            leaks().shouldBeEmpty()
        }
    }
})

package dev.llamachat.ktor

import dev.llamachat.LlamaCloudIoException
import dev.llamachat.ktor.raw.RawServer
import dev.llamachat.ktor.raw.RawServer.Answer
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud.Companion.DEMO_INDEX
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import java.io.File
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.Proxy
import java.nio.file.Files
import java.security.KeyStore
import java.time.Duration
import java.util.Base64
import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SSLContext
import javax.net.ssl.TrustManagerFactory
import javax.net.ssl.X509TrustManager
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.launch
import kotlinx.coroutines.coroutineScope

/** Connection settings without Ktor types: proxy (with credentials), TLS, pool limits. */
class ConnectionSpec : FunSpec({
    val page = """{"items":[],"next_page_token":null}""".toByteArray()

    test("calls go through the configured proxy, with Basic credentials once it asks for them") {
        RawServer().use { proxy ->
            val challenge = RawServer.response(407, "text/plain", ByteArray(0), "Proxy-Authenticate: Basic realm=\"corp\"\r\n")
            proxy.enqueue(Answer.whole(challenge), Answer.whole(RawServer.response(200, "application/json", page)))
            val address = InetSocketAddress(InetAddress.getLoopbackAddress(), java.net.URI(proxy.baseUrl).port)
            LlamaCloudChat.create(
                LlamaCloudChatConfig().apply {
                    apiKey = TEST_KEY
                    baseUrl = "http://127.0.0.1:9" // nothing listens there: only the proxy can answer
                    proxy(Proxy(Proxy.Type.HTTP, address), "alice", "s3cret")
                },
            ).use { chat -> chat.listPage().items shouldHaveSize 0 }
            proxy.requestHeads shouldHaveSize 2
            proxy.requestHeads[0] shouldStartWith "GET http://127.0.0.1:9/api/v1/chat HTTP/1.1"
            proxy.requestHeads[0].lowercase() shouldNotContain "proxy-authorization"
            val basic = Base64.getEncoder().encodeToString("alice:s3cret".toByteArray())
            proxy.requestHeads[1] shouldContain "Proxy-Authorization: Basic $basic"
        }
    }

    test("the password never shows in the config's toString") {
        LlamaCloudChatConfig().apply { proxy(Proxy.NO_PROXY, "alice", "s3cret") }.toString() shouldNotContain "s3cret"
    }

    context("TLS") {
        val dir = Files.createTempDirectory("llamachat-tls").toFile()
        afterSpec { dir.deleteRecursively() }
        val keyStore = selfSignedKeyStore(dir)
        val serverContext = SSLContext.getInstance("TLS").apply {
            init(KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm()).apply { init(keyStore, PASSWORD) }.keyManagers, null, null)
        }
        val trustManager = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).apply { init(keyStore) }
            .trustManagers.filterIsInstance<X509TrustManager>().single()
        fun tlsServer() = RawServer(
            fallback = Answer.whole(RawServer.response(200, "application/json", page)),
            socket = serverContext.serverSocketFactory.createServerSocket(0, 50, InetAddress.getLoopbackAddress()),
            scheme = "https",
        )

        test("a server whose certificate the JVM does not trust is refused as an I/O failure") {
            tlsServer().use { server ->
                LlamaCloudChat { apiKey = TEST_KEY; baseUrl = server.baseUrl; maxRetries = 0 }.use { chat ->
                    shouldThrow<LlamaCloudIoException> { chat.listPage() }
                }
            }
        }

        test("the configured trust manager (with its SSLContext) admits it, on OkHttp") {
            tlsServer().use { server ->
                val clientContext = SSLContext.getInstance("TLS").apply { init(null, arrayOf(trustManager), null) }
                LlamaCloudChat.create(LlamaCloudChatConfig().apply { apiKey = TEST_KEY; baseUrl = server.baseUrl; tls(clientContext, trustManager) })
                    .use { chat -> chat.listPage().items shouldHaveSize 0 }
            }
        }

        test("a trust manager alone is enough, on OkHttp and on CIO") {
            for (engine in listOf(null, CIO)) {
                tlsServer().use { server ->
                    LlamaCloudChat { apiKey = TEST_KEY; baseUrl = server.baseUrl; this.trustManager = trustManager; engineFactory = engine }
                        .use { chat -> chat.listPage().items shouldHaveSize 0 }
                }
            }
        }
    }

    test("200 simultaneous streams through one client all run at once (OkHttp's 5 per host would queue them)") {
        startServer().use { server ->
            testChat(server).use { chat ->
                val sessions = (1..200).map { chat.create(listOf(DEMO_INDEX)) }
                // Each turn stalls after its first event and stays running until the client leaves: only streams
                // that all run together can make the server count 200.
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM, times = 200)
                coroutineScope {
                    val turns = sessions.map { session ->
                        launch { chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect { } }
                    }
                    eventually(30.seconds) { server.runningTurns shouldBe 200 }
                    turns.forEach { it.cancel() }
                }
                server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
            }
        }
    }

    test("connection settings with a caller's own client are refused: they could not apply") {
        HttpClient(CIO).use { client ->
            shouldThrow<IllegalArgumentException> {
                LlamaCloudChat { apiKey = TEST_KEY; httpClient = client; proxy = Proxy.NO_PROXY }
            }.message shouldContain "proxy"
        }
        shouldThrow<IllegalArgumentException> { LlamaCloudChat { apiKey = TEST_KEY; maxConnections = 0 } }.message shouldContain "maxConnections"
        shouldThrow<IllegalArgumentException> {
            LlamaCloudChat { apiKey = TEST_KEY; proxyUsername = "alice"; proxyPassword = "x" }
        }.message shouldContain "proxy"
    }
})

private val PASSWORD = "changeit".toCharArray()

/** A PKCS12 key store holding a fresh self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
private fun selfSignedKeyStore(dir: File): KeyStore {
    val file = File(dir, "server.p12")
    val keytool = File(System.getProperty("java.home"), "bin/keytool").path
    val process = ProcessBuilder(
        keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-keystore", file.path, "-storetype", "PKCS12", "-storepass", String(PASSWORD), "-keypass", String(PASSWORD),
    ).redirectErrorStream(true).start()
    val output = process.inputStream.readAllBytes().decodeToString()
    check(process.waitFor() == 0) { "keytool failed: $output" }
    return KeyStore.getInstance("PKCS12").apply { file.inputStream().use { load(it, PASSWORD) } }
}

package dev.llamachat.ktor

import dev.llamachat.ktor.internal.ClientSettings
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

class ConfigSpec : FunSpec({
    context("environment") {
        test("the API key comes from LLAMA_CLOUD_API_KEY, else LLAMA_PARSE_API_KEY, and the base URL from LLAMA_CLOUD_BASE_URL") {
            val config = LlamaCloudChatConfig()
            config.loadEnvironment(mapOf("LLAMA_CLOUD_API_KEY" to "cloud-key", "LLAMA_PARSE_API_KEY" to "parse-key"))
            config.apiKey shouldBe "cloud-key"
            config.baseUrl shouldBe LlamaCloudChat.DEFAULT_BASE_URL

            val parse = LlamaCloudChatConfig()
            parse.loadEnvironment(
                mapOf("LLAMA_CLOUD_API_KEY" to "  ", "LLAMA_PARSE_API_KEY" to "parse-key", "LLAMA_CLOUD_BASE_URL" to LlamaCloudChat.EU_BASE_URL),
            )
            parse.apiKey shouldBe "parse-key"
            parse.baseUrl shouldBe LlamaCloudChat.EU_BASE_URL
        }

        test("an empty environment leaves the settings as they are") {
            val config = LlamaCloudChatConfig().apply { apiKey = "mine"; baseUrl = "https://proxy.example.com/llama" }
            config.loadEnvironment(emptyMap())
            config.apiKey shouldBe "mine"
            config.baseUrl shouldBe "https://proxy.example.com/llama"
        }

        test("fromEnv reads this process's environment, and its configure block wins over it") {
            val envKey = System.getenv("LLAMA_CLOUD_API_KEY").orEmpty().ifBlank { System.getenv("LLAMA_PARSE_API_KEY").orEmpty() }
            if (envKey.isBlank()) {
                shouldThrow<IllegalArgumentException> { LlamaCloudChat.fromEnv() }.message shouldContain "LLAMA_CLOUD_API_KEY"
            } else {
                LlamaCloudChat.fromEnv().close()
            }
            LlamaCloudChat.fromEnv { apiKey = TEST_KEY; baseUrl = "http://127.0.0.1:9" }.use { it.baseUrl shouldBe "http://127.0.0.1:9" }
        }

        test("a missing API key is a clear error at construction that names both variables") {
            val failure = shouldThrow<IllegalArgumentException> { LlamaCloudChat { } }
            failure.message shouldContain "LLAMA_CLOUD_API_KEY"
            failure.message shouldContain "LLAMA_PARSE_API_KEY"
            shouldThrow<IllegalArgumentException> { LlamaCloudChat { apiKey = "   " } }
        }
    }

    context("base URL") {
        test("plain http to a host that is not loopback is refused, naming the way out") {
            for (url in listOf("http://api.cloud.llamaindex.ai", "http://10.0.0.5:8080", "http://example.com/proxy")) {
                val failure = shouldThrow<IllegalArgumentException> { LlamaCloudChat { apiKey = TEST_KEY; baseUrl = url } }
                failure.message shouldContain "allowInsecureHttp"
                failure.message shouldNotContain TEST_KEY
            }
        }

        test("plain http is accepted for loopback hosts, or anywhere when explicitly allowed") {
            for (url in listOf("http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:8080/", "http://127.1.2.3")) {
                LlamaCloudChat { apiKey = TEST_KEY; baseUrl = url }.use { it.baseUrl shouldBe url.trimEnd('/') }
            }
            LlamaCloudChat { apiKey = TEST_KEY; baseUrl = "http://gateway.internal"; allowInsecureHttp = true }.use {
                it.baseUrl shouldBe "http://gateway.internal"
            }
        }

        test("a base URL must be an http(s) URL with a host and without query or credentials") {
            for (url in listOf("api.cloud.llamaindex.ai", "ftp://example.com", "https://", "https://a b", "https://h?x=1", "https://u:p@h")) {
                shouldThrow<IllegalArgumentException> { LlamaCloudChat { apiKey = TEST_KEY; baseUrl = url } }
            }
        }

        test("trailing slashes are dropped and a path prefix is kept") {
            LlamaCloudChat { apiKey = TEST_KEY; baseUrl = "https://proxy.example.com/llama///" }.use {
                it.baseUrl shouldBe "https://proxy.example.com/llama"
            }
        }
    }

    context("validation") {
        test("every setting is checked at construction, with a message naming it") {
            fun failing(configure: LlamaCloudChatConfig.() -> Unit): String =
                shouldThrow<IllegalArgumentException> { LlamaCloudChat { apiKey = TEST_KEY; configure() } }.message!!
            failing { organizationId = "org-1" } shouldContain "organizationId"
            failing { projectId = "12345" } shouldContain "projectId"
            failing { maxRetries = -1 } shouldContain "maxRetries"
            failing { maxRetries = 11 } shouldContain "maxRetries"
            failing { requestTimeout = 0.seconds } shouldContain "requestTimeout"
            failing { connectTimeout = (-1).seconds } shouldContain "connectTimeout"
            failing { streamIdleTimeout = 0.seconds } shouldContain "streamIdleTimeout"
            failing { maxEventBytes = 0 } shouldContain "maxEventBytes"
            failing { defaultHeaders["Authorization"] = "Bearer other" } shouldContain "apiKey"
            failing { defaultHeaders["Content-Type"] = "text/plain" } shouldContain "Content-Type"
            failing { defaultHeaders["X-Bad Name"] = "v" } shouldContain "header name"
            failing { defaultHeaders["X-Trace"] = "a\r\nInjected: yes" } shouldContain "line break"
            failing { apiKey = "key with spaces" } shouldNotContain "key with spaces"
            HttpClient(CIO).use { client ->
                failing { httpClient = client; engineFactory = CIO } shouldContain "at most one"
            }
        }

        test("java.time setters set the timeouts") {
            val config = LlamaCloudChatConfig()
                .connectTimeout(java.time.Duration.ofMillis(1500))
                .requestTimeout(java.time.Duration.ofSeconds(5))
                .streamIdleTimeout(java.time.Duration.ofMinutes(3))
            config.connectTimeout shouldBe 1500.milliseconds
            config.requestTimeout shouldBe 5.seconds
            config.streamIdleTimeout shouldBe 180.seconds
        }

        test("later changes to the config do not reach a client already created") {
            val config = LlamaCloudChatConfig().apply { apiKey = TEST_KEY; baseUrl = "https://one.example.com" }
            LlamaCloudChat.create(config).use { chat ->
                config.baseUrl = "https://two.example.com"
                chat.baseUrl shouldBe "https://one.example.com"
            }
        }

        test("the documented defaults hold") {
            val config = LlamaCloudChatConfig()
            config.baseUrl shouldBe "https://api.cloud.llamaindex.ai"
            config.maxRetries shouldBe 2
            config.connectTimeout shouldBe 10.seconds
            config.requestTimeout shouldBe 60.seconds
            config.streamIdleTimeout shouldBe 120.seconds
            config.maxEventBytes shouldBe (16 shl 20)
            config.allowInsecureHttp shouldBe false
            config.proxy shouldBe null
            config.trustManager shouldBe null
            config.maxConnections shouldBe 1000
            config.maxIdleConnections shouldBe 32
            config.keepAlive shouldBe 5.minutes
            config.logLevel shouldBe null
            ClientSettings.MAX_RETRIES_LIMIT shouldBe 10
        }
    }

    context("the key stays secret") {
        test("toString of the client and of the config never shows the key") {
            val config = LlamaCloudChatConfig().apply { apiKey = TEST_KEY; projectId = PROJECT }
            config.toString() shouldNotContain TEST_KEY
            config.toString() shouldContain "apiKey=<set>"
            LlamaCloudChat.create(config).use { chat ->
                chat.toString() shouldNotContain TEST_KEY
                chat.toString() shouldContain PROJECT
            }
        }
    }
})

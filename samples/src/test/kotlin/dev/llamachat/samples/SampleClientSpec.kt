package dev.llamachat.samples

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import java.time.Duration

class SampleClientSpec : FunSpec({
    context("without an API key") {
        test("starts a local LlamaCloud, says so in one line, and talks to it") {
            val captured = Captured()
            SampleClient.open(emptyMap(), captured.out, Duration.ZERO).use { client ->
                val local = client.local.shouldNotBeNull()
                captured.text() shouldBe "No LLAMA_CLOUD_API_KEY set: using a local LlamaCloud (testkit) at ${local.baseUrl}.\n"
                client.chat.baseUrl shouldBe local.baseUrl
                client.indexId shouldBe "idx-demo"
                client.chat.create(listOf(client.indexId))
                local.sessionCount() shouldBe 1
            }
        }

        test("closes the local server with the client") {
            val client = SampleClient.open(emptyMap(), Captured().out, Duration.ZERO)
            val local = client.local.shouldNotBeNull()
            client.close()
            local.awaitIdle(Duration.ofSeconds(5)) shouldBe true
            runCatching { java.net.Socket("127.0.0.1", local.port).close() }.isFailure shouldBe true
        }

        test("uses the index LLAMA_CLOUD_INDEX_ID names") {
            SampleClient.open(mapOf("LLAMA_CLOUD_INDEX_ID" to "idx-handbook"), Captured().out, Duration.ZERO).use {
                it.indexId shouldBe "idx-handbook"
            }
        }
    }

    context("with an API key") {
        val service = autoClose(LocalLlamaCloud.builder().apiKey("sk-sample-key").start())

        test("talks to LLAMA_CLOUD_BASE_URL with LLAMA_CLOUD_API_KEY and prints nothing") {
            val captured = Captured()
            val env = mapOf("LLAMA_CLOUD_API_KEY" to "sk-sample-key", "LLAMA_CLOUD_BASE_URL" to service.baseUrl)
            SampleClient.open(env, captured.out).use { client ->
                client.local.shouldBeNull()
                client.chat.listPage()
            }
            captured.text() shouldBe ""
            service.requests.last().header("authorization") shouldBe "Bearer sk-sample-key"
        }

        test("falls back to LLAMA_PARSE_API_KEY") {
            val env = mapOf("LLAMA_PARSE_API_KEY" to "sk-sample-key", "LLAMA_CLOUD_BASE_URL" to service.baseUrl)
            SampleClient.open(env, Captured().out).use { client ->
                client.local.shouldBeNull()
                client.chat.create(null)
            }
            service.requests.last { it.endpoint == Endpoint.CREATE }.header("authorization") shouldBe "Bearer sk-sample-key"
        }

        test("keeps the real service as the default base URL") {
            SampleClient.open(mapOf("LLAMA_CLOUD_API_KEY" to "sk-x"), Captured().out).use { client ->
                client.chat.baseUrl shouldMatch Regex("https://api\\.cloud\\.llamaindex\\.ai/?")
            }
        }
    }
})

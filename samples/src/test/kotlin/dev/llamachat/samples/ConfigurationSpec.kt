package dev.llamachat.samples

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain

class ConfigurationSpec : FunSpec({
    test("a client configured in code sends its headers, logs each request, and never shows its key") {
        LocalLlamaCloud.builder().apiKey("sk-config-secret").start().use { server ->
            val captured = Captured()
            val log = Captured()
            Configuration.run(server.environment(), captured.out, log.out)

            captured.lines().filter { it.isNotEmpty() } shouldContainExactly listOf(
                "LlamaCloudChat(baseUrl=${server.baseUrl}, organizationId=null, projectId=null)",
                "0 session(s) on the first page",
            )
            log.lines().first() shouldBe "--> GET /api/v1/chat?page_size=5"
            (captured.text() + log.text()) shouldNotContain "sk-config-secret"
            val list = server.requests.single { it.endpoint == Endpoint.LIST }
            list.header("x-request-source") shouldBe "llamachat-samples"
            list.header("authorization") shouldBe "Bearer sk-config-secret"
        }
    }

    test("fromEnv reads LLAMA_CLOUD_API_KEY and LLAMA_CLOUD_BASE_URL (set for these tests in the pom)") {
        Configuration.fromEnvironment().use { chat ->
            chat.baseUrl shouldBe System.getenv("LLAMA_CLOUD_BASE_URL")
            chat.toString() shouldNotContain System.getenv("LLAMA_CLOUD_API_KEY")
        }
    }
})

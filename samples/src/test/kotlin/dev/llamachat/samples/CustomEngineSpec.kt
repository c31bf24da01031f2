package dev.llamachat.samples

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe

class CustomEngineSpec : FunSpec({
    test("sends through the caller's own HttpClient, then through an OkHttp engine the SDK configures") {
        LocalLlamaCloud.builder().apiKey("sk-engine").start().use { server ->
            val captured = Captured()
            CustomEngine.run(server.environment(), "idx-demo", captured.out)

            captured.lines().filter { it.isNotEmpty() } shouldContainExactly listOf(
                "own HttpClient: According to the Q3 2025 Quarterly Report:",
                "OkHttp engine: [tool] search_index",
            )
            // The caller's client adds its header to every request; the SDK's own client does not.
            val streams = server.requests.filter { it.endpoint == Endpoint.STREAM }
            streams.map { it.header(CustomEngine.CLIENT_HEADER) } shouldContainExactly listOf("okhttp", null)
            server.requests.all { it.header("authorization") == "Bearer sk-engine" } shouldBe true
            server.sessionCount() shouldBe 0
        }
    }
})

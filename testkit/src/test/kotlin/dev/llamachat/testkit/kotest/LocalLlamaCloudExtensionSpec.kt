package dev.llamachat.testkit.kotest

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.TestHttp
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.net.ConnectException
import java.time.Duration

/** Servers installed in a spec serve its tests; the extension closes them after the spec (checked below). */
class LocalLlamaCloudExtensionSpec : FunSpec({
    val spec = this
    val server = install(LocalLlamaCloudExtension())
    val secured = install(LocalLlamaCloudExtension()) { apiKey("spec-key") }

    test("an installed server is started") {
        TestHttp(server).get("/api/v1/chat").status shouldBe 200
        server.takeRequest(Duration.ofSeconds(5))!!.endpoint shouldBe Endpoint.LIST
    }

    test("builder options apply") {
        secured.apiKey shouldBe "spec-key"
        TestHttp(secured, apiKey = null).get("/api/v1/chat").status shouldBe 401
    }

    test("an extension mounts one server only") {
        val extension = LocalLlamaCloudExtension()
        extension.mount {}.close()
        shouldThrow<IllegalStateException> { extension.mount {} }
    }

    test("afterSpec closes the server") {
        val extension = LocalLlamaCloudExtension()
        val started = extension.mount {}
        extension.afterSpec(spec)
        shouldThrow<ConnectException> { TestHttp(started).get("/api/v1/chat") }
    }
})


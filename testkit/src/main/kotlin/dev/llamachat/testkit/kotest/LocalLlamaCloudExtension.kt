package dev.llamachat.testkit.kotest

import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.core.extensions.MountableExtension
import io.kotest.core.listeners.AfterSpecListener
import io.kotest.core.spec.Spec

/**
 * A Kotest extension that starts a [LocalLlamaCloud] when installed in a spec and closes it after the spec:
 *
 * ```kotlin
 * class ChatSpec : FunSpec({
 *     val server = install(LocalLlamaCloudExtension())                       // defaults
 *     val secured = install(LocalLlamaCloudExtension()) { apiKey("test-key") }  // LocalLlamaCloud.Builder options
 * })
 * ```
 * Tests of the spec share the server: clear what one test leaves (`clearQueue()`, `clearRequests()`) where it matters.
 * Kotest (kotest-framework-engine 6) must be on the test classpath; testkit does not bring it.
 */
public class LocalLlamaCloudExtension : MountableExtension<LocalLlamaCloud.Builder, LocalLlamaCloud>, AfterSpecListener {
    @Volatile private var server: LocalLlamaCloud? = null

    override fun mount(configure: LocalLlamaCloud.Builder.() -> Unit): LocalLlamaCloud {
        check(server == null) { "install a LocalLlamaCloudExtension once; install another for a second server" }
        return LocalLlamaCloud.builder().apply(configure).start().also { server = it }
    }

    override suspend fun afterSpec(spec: Spec) {
        server?.close()
    }
}

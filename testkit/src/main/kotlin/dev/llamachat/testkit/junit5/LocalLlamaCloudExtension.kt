package dev.llamachat.testkit.junit5

import dev.llamachat.testkit.LocalLlamaCloud
import org.junit.jupiter.api.extension.AfterAllCallback
import org.junit.jupiter.api.extension.AfterEachCallback
import org.junit.jupiter.api.extension.ExtensionContext
import org.junit.jupiter.api.extension.ParameterContext
import org.junit.jupiter.api.extension.ParameterResolver

/**
 * A JUnit 5 extension that starts a [LocalLlamaCloud] for each test that takes one as a parameter (of the test
 * method, `@BeforeEach` or `@AfterEach`) and closes it after the test; a server taken by a `@BeforeAll` method (or a
 * constructor, with the per-class lifecycle) lives for the whole class and is the one every test of it gets.
 *
 * ```java
 * @ExtendWith(LocalLlamaCloudExtension.class)
 * class ChatTest {
 *     @Test void creates(LocalLlamaCloud server) { ... }
 * }
 * ```
 * With options, register it in a field instead:
 * ```java
 * @RegisterExtension
 * static final LocalLlamaCloudExtension CLOUD = new LocalLlamaCloudExtension(LocalLlamaCloud.builder().apiKey("test-key"));
 * ```
 * JUnit (junit-jupiter-api 5.9 or later) must be on the test classpath; testkit does not bring it.
 */
public class LocalLlamaCloudExtension @JvmOverloads constructor(
    private val builder: LocalLlamaCloud.Builder = LocalLlamaCloud.builder(),
) : ParameterResolver, AfterEachCallback, AfterAllCallback {
    // Members, not file-level values: those would give Java an empty `LocalLlamaCloudExtensionKt` class. Namespaces
    // are equal by their parts, so every instance stores under the same one.
    private val namespace = ExtensionContext.Namespace.create(LocalLlamaCloudExtension::class.java)
    private val key = "server"

    override fun supportsParameter(parameterContext: ParameterContext, extensionContext: ExtensionContext): Boolean =
        parameterContext.parameter.type == LocalLlamaCloud::class.java

    override fun resolveParameter(parameterContext: ParameterContext, extensionContext: ExtensionContext): Any =
        // Looks in the enclosing contexts' stores too: a class-wide server, once started, is the one tests get.
        extensionContext.getStore(namespace).getOrComputeIfAbsent(key, { synchronized(builder) { builder.start() } }, LocalLlamaCloud::class.java)

    override fun afterEach(context: ExtensionContext) {
        close(context)
    }

    override fun afterAll(context: ExtensionContext) {
        close(context)
    }

    /** Closes the server started for [context] itself, if any (remove does not look into enclosing contexts). */
    private fun close(context: ExtensionContext) {
        context.getStore(namespace).remove(key, LocalLlamaCloud::class.java)?.close()
    }
}

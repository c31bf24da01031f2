package dev.llamachat.samples

import dev.llamachat.ChatEvent
import dev.llamachat.ktor.LlamaCloudChat
import io.ktor.client.HttpClient
import io.ktor.client.engine.okhttp.OkHttp
import io.ktor.client.plugins.defaultRequest
import io.ktor.client.request.header
import java.io.PrintStream
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.runBlocking

/**
 * The SDK over a caller's own Ktor `HttpClient` (here on the OkHttp engine, as an Android app might use), and
 * over an engine the SDK configures. Run it with
 * `mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.CustomEngine`.
 */
public object CustomEngine {
    /** The header this sample's own client adds to every request, to show that it is the one sending them. */
    public const val CLIENT_HEADER: String = "X-Sample-Client"

    /** Runs one turn through each kind of custom engine, against the service [SampleClient.open] picks. */
    @JvmStatic
    public fun main(args: Array<String>) {
        SampleClient.open().use { client -> runBlocking { run(client.environment, client.indexId, System.out) } }
    }

    /**
     * Asks one question through a client built on the caller's own `HttpClient`, then one through a client on an
     * OkHttp engine the SDK creates and configures. [env] holds the API key and base URL (see
     * `LlamaCloudChatConfig.loadEnvironment`).
     * @throws dev.llamachat.LlamaCloudException if the service refuses a call.
     */
    public suspend fun run(env: Map<String, String>, indexId: String, out: PrintStream) {
        val http = HttpClient(OkHttp) {                           // the caller's own client, engine and plugins
            engine {
                config { readTimeout(0, TimeUnit.SECONDS) }        // streams idle for long; the SDK bounds them
            }
            defaultRequest { header(CLIENT_HEADER, "okhttp") }
        }
        LlamaCloudChat {
            loadEnvironment(env)                                   // API key and base URL
            httpClient = http                                      // used as it is; close() leaves it open
        }.use { chat ->
            val session = chat.startSession(indexIds = listOf(indexId))
            val turn = session.ask("What were the main findings in Q3?")
            out.println("own HttpClient: ${turn.text.lineSequence().first()}")
            session.delete()
        }
        http.close()

        LlamaCloudChat {
            loadEnvironment(env)
            engineFactory = OkHttp                                 // the SDK creates, configures and closes it
        }.use { chat ->
            val session = chat.startSession(indexIds = listOf(indexId))
            session.send("And what happened in Q4?").collect { event ->
                if (event is ChatEvent.ToolCall) out.println("OkHttp engine: [tool] ${event.name}")
            }
            session.delete()
        }
    }
}

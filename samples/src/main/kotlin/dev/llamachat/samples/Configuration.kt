package dev.llamachat.samples

import dev.llamachat.ktor.LlamaCloudChat
import java.io.PrintStream
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.runBlocking

/**
 * Configuring a client: from the environment, and every setting in code. Run it with
 * `mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.Configuration`.
 */
public object Configuration {
    /** Makes a fully configured client against the service [SampleClient.open] picks, and lists sessions with it. */
    @JvmStatic
    public fun main(args: Array<String>) {
        SampleClient.open().use { client -> runBlocking { run(client.environment, System.out, System.err) } }
    }

    /**
     * A client from the process environment alone: `LLAMA_CLOUD_API_KEY` (else `LLAMA_PARSE_API_KEY`) and
     * `LLAMA_CLOUD_BASE_URL`.
     * @throws IllegalArgumentException if no API key is set.
     */
    public fun fromEnvironment(): LlamaCloudChat {
        val chat = LlamaCloudChat.fromEnv()                   // LLAMA_CLOUD_API_KEY, LLAMA_CLOUD_BASE_URL
        val tuned = LlamaCloudChat.fromEnv { maxRetries = 4 } // the environment, then these settings
        tuned.close()
        return chat
    }

    /**
     * Makes a client with every setting from [env] and code, lists the first page of sessions with it, and prints
     * the client (never its key) to [out] and its request log to [log].
     * @throws dev.llamachat.LlamaCloudException if the service refuses the call.
     */
    public suspend fun run(env: Map<String, String>, out: PrintStream, log: PrintStream) {
        val chat = LlamaCloudChat {
            loadEnvironment(env)                         // apiKey and baseUrl from these variables, if set
            // apiKey = "llx-..."                        // or in code; never shown by toString or logs
            // baseUrl = LlamaCloudChat.EU_BASE_URL      // default https://api.cloud.llamaindex.ai
            // projectId = "2f6c1c0e-..."                // a default project (UUID) for every call
            connectTimeout = 5.seconds                   // default 10 s
            requestTimeout = 30.seconds                  // each ordinary call; default 60 s
            streamIdleTimeout = 2.minutes                // a stream's longest silence; default 120 s
            maxRetries = 3                               // default 2; 0 turns retries off
            defaultHeaders["X-Request-Source"] = "llamachat-samples"
            logger = { line -> log.println(line) }       // one line per request, answer and retry
        }
        chat.use {
            out.println(chat)                            // LlamaCloudChat(baseUrl=..., ...): no key
            out.println("${chat.listPage(pageSize = 5).items.size} session(s) on the first page")
        }
    }
}

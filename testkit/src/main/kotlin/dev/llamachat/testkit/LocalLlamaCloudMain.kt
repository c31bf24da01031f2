@file:JvmName("LocalLlamaCloudMain")

package dev.llamachat.testkit

import dev.llamachat.testkit.internal.MainOptions
import java.time.Duration
import java.util.concurrent.CountDownLatch
import kotlin.system.exitProcess

/**
 * Runs [LocalLlamaCloud] standalone, for curl, other SDKs and the samples:
 * `LocalLlamaCloudMain [--port N] [--api-key KEY] [--keep-alive-ms N] [--token-delay-ms N]`.
 * Prints `LocalLlamaCloud listening on http://127.0.0.1:N` and serves until the process is stopped.
 *
 * A file-level `main` (Java sees a class with just `main(String[])`), internal so that it is no Kotlin API.
 */
internal fun main(args: Array<String>) {
    val options = try {
        MainOptions.parse(args)
    } catch (e: IllegalArgumentException) {
        System.err.println(e.message)
        System.err.println(MainOptions.USAGE)
        exitProcess(2)
    }
    val server = LocalLlamaCloud.builder()
        .port(options.port)
        .apiKey(options.apiKey)
        .keepAliveInterval(options.keepAliveMs?.let { Duration.ofMillis(it) })
        .tokenDelay(Duration.ofMillis(options.tokenDelayMs))
        .start()
    val stopped = CountDownLatch(1)
    Runtime.getRuntime().addShutdownHook(Thread {
        server.close()
        stopped.countDown()
    })
    println("LocalLlamaCloud listening on ${server.baseUrl}")
    if (options.apiKey != null) println("Calls need the header: Authorization: Bearer <the key you passed>")
    System.out.flush()
    stopped.await()
}

package dev.llamachat.testkit

import java.time.Duration
import java.util.concurrent.CountDownLatch
import kotlin.system.exitProcess

/**
 * Runs [LocalLlamaCloud] standalone, for curl, other SDKs and the samples:
 * `LocalLlamaCloudMain [--port N] [--api-key KEY] [--keep-alive-ms N] [--token-delay-ms N]`.
 * Prints `LocalLlamaCloud listening on http://127.0.0.1:N` and serves until the process is stopped.
 */
public object LocalLlamaCloudMain {
    private const val USAGE =
        "usage: LocalLlamaCloudMain [--port N] [--api-key KEY] [--keep-alive-ms N] [--token-delay-ms N]"

    /** The command's entry point; see [LocalLlamaCloudMain]. */
    @JvmStatic
    public fun main(args: Array<String>) {
        val options = try {
            parse(args)
        } catch (e: IllegalArgumentException) {
            System.err.println(e.message)
            System.err.println(USAGE)
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

    internal class Options(val port: Int, val apiKey: String?, val keepAliveMs: Long?, val tokenDelayMs: Long)

    internal fun parse(args: Array<String>): Options {
        var port = 0
        var apiKey: String? = null
        var keepAliveMs: Long? = null
        var tokenDelayMs = 0L
        var i = 0
        while (i < args.size) {
            val name = args[i]
            if (name == "--help" || name == "-h") throw IllegalArgumentException("LocalLlamaCloud: a local Chat API server")
            // Both "--port 8080" and "--port=8080".
            val (flag, inline) = name.split('=', limit = 2).let { it[0] to it.getOrNull(1) }
            val value = inline ?: args.getOrNull(++i) ?: throw IllegalArgumentException("$flag needs a value")
            when (flag) {
                "--port" -> port = value.toIntOrNull()?.takeIf { it in 0..65535 }
                    ?: throw IllegalArgumentException("--port must be a number in 0..65535, was '$value'")
                "--api-key" -> apiKey = value.takeIf { it.isNotEmpty() }
                "--keep-alive-ms" -> keepAliveMs = value.toLongOrNull()?.takeIf { it > 0 }
                    ?: throw IllegalArgumentException("--keep-alive-ms must be a positive number")
                "--token-delay-ms" -> tokenDelayMs = value.toLongOrNull()?.takeIf { it >= 0 }
                    ?: throw IllegalArgumentException("--token-delay-ms must be a number >= 0")
                else -> throw IllegalArgumentException("unknown option '$flag'")
            }
            i++
        }
        return Options(port, apiKey, keepAliveMs, tokenDelayMs)
    }
}

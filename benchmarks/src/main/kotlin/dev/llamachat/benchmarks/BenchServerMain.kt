@file:JvmName("BenchServerMain")

package dev.llamachat.benchmarks

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.ScriptedResponse
import java.time.Duration

/**
 * The server JVM of the benchmarks: testkit's [LocalLlamaCloud] on a free loopback port, as
 * `LocalLlamaCloudMain` runs it, plus a tiny control channel that its standalone main lacks. It prints
 * `LocalLlamaCloud listening on <url>`, then answers each `stats` line on stdin with
 * `stats connections=<distinct client connections> openStreams=<n> runningTurns=<n>`, so that the harness can
 * count connections on the server although it runs in another JVM; `pace <ms> <n>` makes the next n streams wait
 * that long between events (testkit's `ScriptedResponse.withEventInterval`) and `clear` drops what is left of that; both answer `ok`.
 * It stops when stdin ends, so it never outlives the harness.
 *
 * Arguments: `--api-key KEY` (required by every request when given).
 */
public fun main(args: Array<String>) {
    val apiKey = args.toList().zipWithNext().firstOrNull { it.first == "--api-key" }?.second
    LocalLlamaCloud.builder().apiKey(apiKey).start().use { server ->
        println("LocalLlamaCloud listening on ${server.baseUrl}")
        System.out.flush()
        while (true) {
            val line = readlnOrNull() ?: break
            val words = line.trim().split(' ')
            when (words[0]) {
                "pace" -> {
                    server.enqueue(ScriptedResponse.serve().withEventInterval(Duration.ofMillis(words[1].toLong())), Endpoint.STREAM, words[2].toInt())
                    println("ok")
                }
                "clear" -> {
                    server.clearQueue()
                    println("ok")
                }
                "stats" -> println(
                    "stats connections=${server.connectionsSeen} openStreams=${server.openStreams} " +
                        "runningTurns=${server.runningTurns}",
                )
                "quit" -> break
                else -> println("unknown command: $line")
            }
            System.out.flush()
        }
    }
}

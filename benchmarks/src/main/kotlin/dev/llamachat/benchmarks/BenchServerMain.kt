@file:JvmName("BenchServerMain")

package dev.llamachat.benchmarks

import dev.llamachat.benchmarks.server.BenchHttpServer

/**
 * The server JVM of the benchmarks: [BenchHttpServer] on a free loopback port, with a control channel on stdin.
 * It prints `bench server listening on <url>`, then answers each `stats` line with
 * `stats connections=<client connections accepted> runningTurns=<n>`, so that the harness can count connections
 * on the server although it runs in another JVM; `pace <ms> <n>` makes the next n streams wait that long before
 * each event and `clear` drops what is left of that; both answer `ok`. It stops when stdin ends, so it never
 * outlives the harness.
 *
 * Arguments: `--api-key KEY` (required by every request).
 */
public fun main(args: Array<String>) {
    val apiKey = args.toList().zipWithNext().firstOrNull { it.first == "--api-key" }?.second
        ?: throw IllegalArgumentException("--api-key KEY is required")
    BenchHttpServer(apiKey).use { server ->
        println("bench server listening on ${server.baseUrl}")
        System.out.flush()
        while (true) {
            val line = readlnOrNull() ?: break
            val words = line.trim().split(' ')
            when (words[0]) {
                "pace" -> {
                    server.pace(words[1].toLong(), words[2].toInt())
                    println("ok")
                }
                "clear" -> {
                    server.clearPacing()
                    println("ok")
                }
                "stats" -> println("stats connections=${server.connectionsSeen} runningTurns=${server.runningTurns}")
                "quit" -> break
                else -> println("unknown command: $line")
            }
            System.out.flush()
        }
    }
}

package dev.llamachat.testkit

import java.io.InputStream
import java.net.Socket
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/**
 * Measures how fast LocalLlamaCloud serves a `bench:<N>` turn to clients that only count bytes: a raw socket
 * (the upper bound any client could see) and the JDK HttpClient. Prints, asserts nothing; not run by Surefire.
 * Run: see testkit/README.md.
 */
fun main(args: Array<String>) {
    val events = args.getOrNull(0)?.toInt() ?: 200_000
    val rounds = args.getOrNull(1)?.toInt() ?: 30
    LocalLlamaCloud.start().use { server ->
        val http = TestHttp(server)
        val session = http.create()
        val body = TestHttp.streamBody("bench:$events", listOf("idx-demo"))
        val request = "POST /api/v1/chat/$session/messages/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            "Content-Type: application/json\r\nContent-Length: ${body.toByteArray().size}\r\n\r\n$body"
        val client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        val jdkRequest = HttpRequest.newBuilder(URI.create(server.url("/api/v1/chat/$session/messages/stream")))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build()
        Socket("127.0.0.1", server.port).use { socket ->
            socket.receiveBufferSize = 1 shl 20
            val out = socket.getOutputStream()
            val input = socket.getInputStream()
            report("raw socket", events, rounds) {
                out.write(request.toByteArray())
                out.flush()
                readResponse(input)
            }
        }
        report("java.net.http", events, rounds) {
            client.send(jdkRequest, HttpResponse.BodyHandlers.ofInputStream()).body().use { countBytes(it) }
        }
    }
}

private fun report(name: String, events: Int, rounds: Int, turn: () -> Long) {
    repeat(rounds / 3) { turn() } // warm-up
    val times = LongArray(rounds)
    var bytes = 0L
    for (i in 0 until rounds) {
        val start = System.nanoTime()
        bytes = turn()
        times[i] = System.nanoTime() - start
    }
    times.sort()
    val median = times[rounds / 2] / 1e9
    val best = times[0] / 1e9
    println(
        "%-14s bench:%d  %,d bytes/turn  median %.1f ms (%,.0f events/s, %.0f MB/s)  best %.1f ms (%,.0f events/s)".format(
            name, events, bytes, median * 1e3, (events + 2) / median, bytes / median / 1e6, best * 1e3, (events + 2) / best,
        ),
    )
}

/** Reads one HTTP/1.1 response with a Content-Length off [input]; returns the body's size. */
private fun readResponse(input: InputStream): Long {
    val head = StringBuilder()
    while (!head.endsWith("\r\n\r\n")) head.append(input.read().also { check(it >= 0) { "closed" } }.toChar())
    val length = Regex("(?i)content-length: (\\d+)").find(head)?.groupValues?.get(1)?.toLong()
        ?: error("the bench turn should carry a Content-Length:\n$head")
    val buffer = ByteArray(1 shl 16)
    var left = length
    while (left > 0) {
        val n = input.read(buffer, 0, minOf(buffer.size.toLong(), left).toInt())
        check(n >= 0) { "closed early" }
        left -= n
    }
    return length
}

private fun countBytes(input: InputStream): Long {
    val buffer = ByteArray(1 shl 16)
    var total = 0L
    while (true) {
        val n = input.read(buffer)
        if (n < 0) return total
        total += n
    }
}

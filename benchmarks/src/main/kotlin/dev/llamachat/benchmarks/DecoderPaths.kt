package dev.llamachat.benchmarks

import dev.llamachat.ChatEvent
import dev.llamachat.internal.ByteSource
import dev.llamachat.internal.decodeChatEventBytes
import dev.llamachat.internal.decodeChatEvents
import java.io.BufferedReader
import java.io.ByteArrayInputStream
import java.io.InputStreamReader
import java.util.function.Consumer
import kotlinx.coroutines.runBlocking

/**
 * The decoding paths the microbenchmark compares, over a whole stream held in memory. Each hands every decoded
 * event to [Consumer] (JMH's blackhole) and returns how many there were.
 */
public object DecoderPaths {
    /** core's turn stage ([decodeChatEventBytes]: framing, the fast delta path or the general JSON, end-of-turn rules) in [chunkSize]-byte chunks. */
    @JvmStatic
    public fun sdkDecoder(bytes: ByteArray, chunkSize: Int, sink: Consumer<Any>): Int =
        decodeChatEventBytes(bytes, chunkSize) { sink.accept(it) }

    /** core's whole stream stage, `decodeChatEvents` (a `Flow`), over an in-memory [ByteSource]. */
    @JvmStatic
    public fun sdkFlow(bytes: ByteArray, chunkSize: Int, sink: Consumer<Any>): Int {
        var offset = 0
        val source = ByteSource { buffer, at, length ->
            if (offset >= bytes.size) {
                -1
            } else {
                val n = minOf(length, chunkSize, bytes.size - offset)
                System.arraycopy(bytes, offset, buffer, at, n)
                offset += n
                n
            }
        }
        var count = 0
        runBlocking {
            decodeChatEvents(source).collect { event: ChatEvent ->
                sink.accept(event)
                count++
            }
        }
        return count
    }

    /** The reference loop: `BufferedReader.readLine` over the bytes and kotlinx decoding of each `data:` line. */
    @JvmStatic
    public fun readLineReference(bytes: ByteArray, sink: Consumer<Any>): Int {
        val reader = BufferedReader(InputStreamReader(ByteArrayInputStream(bytes), Charsets.UTF_8))
        var count = 0
        while (true) {
            val line = reader.readLine() ?: break
            val event = RefEvent.decodeDataLine(line) ?: continue
            sink.accept(event)
            count++
        }
        return count
    }
}

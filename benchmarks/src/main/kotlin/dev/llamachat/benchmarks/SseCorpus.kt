package dev.llamachat.benchmarks

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import dev.llamachat.internal.SseEncoder
import java.io.ByteArrayOutputStream
import kotlin.random.Random

/**
 * The bytes of a `bench:<n>`-like turn held in memory, for the decoder microbenchmark: [textDeltas] `text_delta`
 * events framed as the service frames them (`event:` and `data:`), then one `stop`. Tokens look like the benchmark server's
 * bench tokens: 3 to 12 characters, most with a leading space, about one character in eight non-ASCII, and one
 * token in fifty ending in a character that JSON must escape (a quote or a newline). Deterministic per seed.
 */
public object SseCorpus {
    private const val ASCII = "abcdefghijklmnopqrstuvwxyz"
    private const val NON_ASCII = "éüößñçøπλж日本中한€"

    /** The stream bytes; decoding them yields `textDeltas + 1` events. */
    @JvmStatic
    public fun turn(textDeltas: Int, seed: Long = 42L): ByteArray {
        val random = Random(seed)
        val out = ByteArrayOutputStream(textDeltas * 70 + 256)
        repeat(textDeltas) {
            out.write(SseEncoder.encode(ChatEvent.TextDelta(token(random))).toByteArray(Charsets.UTF_8))
        }
        out.write(SseEncoder.encode(ChatEvent.Stop(null, false, Usage(turns = 1))).toByteArray(Charsets.UTF_8))
        return out.toByteArray()
    }

    /** One token of a bench turn: what the benchmark server's turns stream as a delta's content. */
    internal fun token(random: Random): String {
        val length = random.nextInt(3, 13)
        val token = StringBuilder(length)
        if (random.nextInt(10) < 7) token.append(' ')
        while (token.length < length) {
            token.append(if (random.nextInt(8) == 0) NON_ASCII[random.nextInt(NON_ASCII.length)] else ASCII[random.nextInt(ASCII.length)])
        }
        when (random.nextInt(100)) {
            0 -> token.setCharAt(length - 1, '"')
            1 -> token.setCharAt(length - 1, '\n')
        }
        return token.toString()
    }
}

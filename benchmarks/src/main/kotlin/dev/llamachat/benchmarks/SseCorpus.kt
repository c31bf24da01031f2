package dev.llamachat.benchmarks

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import dev.llamachat.internal.SseEncoder
import java.io.ByteArrayOutputStream
import kotlin.random.Random

/**
 * The bytes of a `bench:<n>`-like turn held in memory, for the decoder microbenchmark: [textDeltas] `text_delta`
 * events framed as the service frames them (`event:` and `data:`), tokens of 3 to 12 characters of which about
 * one in eight holds a non-ASCII character, then one `stop`. Deterministic for a given seed.
 */
public object SseCorpus {
    private val ascii = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,".toCharArray()
    private val nonAscii = listOf("é", "ü", "ß", "—", "€", "中", "ñ", "😀")

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

    private fun token(random: Random): String {
        val length = random.nextInt(3, 13)
        val token = StringBuilder(length)
        val special = if (random.nextInt(8) == 0) random.nextInt(length) else -1
        for (i in 0 until length) {
            if (i == special) token.append(nonAscii[random.nextInt(nonAscii.size)]) else token.append(ascii[random.nextInt(ascii.size)])
        }
        return token.toString()
    }
}

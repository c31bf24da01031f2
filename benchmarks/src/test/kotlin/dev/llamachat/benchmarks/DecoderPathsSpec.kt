package dev.llamachat.benchmarks

import dev.llamachat.ChatEvent
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf

class DecoderPathsSpec : FunSpec({
    val events = 500
    val stream = SseCorpus.turn(events, seed = 7L)

    fun sdkContents(collect: (MutableList<Any>) -> Int): List<String?> {
        val seen = ArrayList<Any>()
        collect(seen) shouldBe events + 1
        seen.last().shouldBeInstanceOf<ChatEvent.Stop>()
        return seen.map { (it as? ChatEvent.TextDelta)?.content }
    }

    context("the decoding paths the microbenchmark compares") {
        val reference = ArrayList<Any>()
        DecoderPaths.readLineReference(stream) { reference.add(it) } shouldBe events + 1
        val referenceContents = reference.map { (it as RefEvent).content.takeIf { _ -> it.type == "text_delta" } }

        test("the SDK decoder yields the reference's events, whatever the chunk size") {
            for (chunk in listOf(1, 7, 64, 8192, stream.size)) {
                sdkContents { seen -> DecoderPaths.sdkDecoder(stream, chunk) { seen.add(it) } } shouldContainExactly referenceContents
            }
        }

        test("the decodeChatEvents flow yields the same events") {
            sdkContents { seen -> DecoderPaths.sdkFlow(stream, 8192) { seen.add(it) } } shouldContainExactly referenceContents
        }

        test("each stage alone sees every event") {
            val frames = DecoderStages.frames(stream)
            frames.size shouldBe events + 1
            DecoderStages.sdkFraming(stream, 100) {} shouldBe events + 1
            DecoderStages.sdkJson(frames) {} shouldBe events + 1
            DecoderStages.referenceJson(frames) {} shouldBe events + 1
            DecoderStages.referenceLines(stream) {} shouldBe 3 * (events + 1) // event, data, blank line
        }
    }

    context("the corpus") {
        test("is the same for the same seed and holds non-ASCII tokens of 3 to 12 characters") {
            SseCorpus.turn(50, seed = 1L).contentEquals(SseCorpus.turn(50, seed = 1L)) shouldBe true
            val tokens = ArrayList<String>()
            DecoderPaths.readLineReference(stream) { e -> (e as RefEvent).content?.takeIf { e.type == "text_delta" }?.let(tokens::add) }
            tokens.all { it.codePointCount(0, it.length) in 3..12 } shouldBe true
            tokens.any { token -> token.any { it.code > 127 } } shouldBe true
            stream.size / (events + 1) shouldBeInRange 55..80 // bytes per event, as the issue's ~66
        }
    }
})

package dev.llamachat

import dev.llamachat.internal.ChatEventJson
import dev.llamachat.internal.JobMetadataSerializer
import dev.llamachat.internal.LlamaJson
import dev.llamachat.internal.ScriptedByteSource
import dev.llamachat.internal.SessionSummarySerializer
import dev.llamachat.internal.UsageSerializer
import dev.llamachat.internal.decodeChatEvents
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withTests
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import kotlinx.serialization.SerializationException

/** Integer fields accept any integral JSON number (the reference types them as numbers); others are malformed. */
class IntegralNumbersSpec : FunSpec({
    context("integral numbers decode into integer fields") {
        withTests(nameFn = { it.first }, "1" to 1L, "1.0" to 1L, "1e2" to 100L, "1E+2" to 100L, "2.50e1" to 25L,
            "-0.0" to 0L, "0e-5" to 0L, "9223372036854775807" to Long.MAX_VALUE, "-9223372036854775808" to Long.MIN_VALUE,
            "9.223372036854775807e18" to Long.MAX_VALUE) { (text, value) ->
            LlamaJson.decodeFromString(UsageSerializer, """{"turns":$text,"total_input_tokens":$text}""") shouldBe
                Usage(totalInputTokens = value, turns = value)
            LlamaJson.decodeFromString(JobMetadataSerializer, """{"total_output_tokens":$text}""").totalOutputTokens shouldBe value
        }
    }

    test("a stop whose usage.turns is 1.0 completes the turn") {
        val frames = "event: text_delta\ndata: {\"type\":\"text_delta\",\"content\":\"Hi\"}\n\n" +
            "event: stop\ndata: {\"type\":\"stop\",\"error\":null,\"is_error\":false," +
            "\"usage\":{\"duration_ms\":12.5,\"total_input_tokens\":3.0,\"total_output_tokens\":1e1,\"turns\":1.0}}\n\n"
        runTest {
            val events = decodeChatEvents(ScriptedByteSource.of(frames)).toList()
            events.last() shouldBe ChatEvent.Stop(null, false, Usage(12.5, 3, 10, 1))
        }
    }

    context("non-integral or out-of-range numbers in integer fields are malformed, with a message naming the field") {
        withTests("1.5", "0.1", "1e-1", "9223372036854775808", "1e19", "1e999999999", "-1e-999999999", "\"1\"", "true", "[1]") { text ->
            val e = shouldThrow<SerializationException> {
                ChatEventJson.decode("""{"type":"stop","error":null,"is_error":false,"usage":{"turns":$text}}""")
            }
            e.message shouldContain "'usage.turns' must be an integer"
            e.message shouldContain "a stop event"
        }
    }

    test("in a stream, a fractional turns count is a MalformedEventException that says why") {
        val frames = "event: stop\ndata: {\"type\":\"stop\",\"error\":null,\"is_error\":false,\"usage\":{\"turns\":1.5}}\n\n"
        runTest {
            val e = shouldThrow<MalformedEventException> { decodeChatEvents(ScriptedByteSource.of(frames)).toList() }
            e.position shouldBe 1
            e.message shouldContain "'usage.turns' must be an integer, was 1.5"
        }
    }

    test("in a summary, a fractional job_metadata.turns names its path") {
        val e = shouldThrow<SerializationException> {
            LlamaJson.decodeFromString(SessionSummarySerializer, """{"session_id":"s","last_updated_at":"t","job_metadata":{"turns":2.5}}""")
        }
        e.message shouldContain "'job_metadata.turns' must be an integer"
    }

    test("duration_ms is a number and keeps its fraction") {
        LlamaJson.decodeFromString(UsageSerializer, """{"duration_ms":1520.75}""").durationMs shouldBe 1520.75
        LlamaJson.decodeFromString(UsageSerializer, """{"duration_ms":15}""").durationMs shouldBe 15.0
        shouldThrow<SerializationException> { LlamaJson.decodeFromString(UsageSerializer, """{"duration_ms":"fast"}""") }
            .message shouldContain "'duration_ms' must be a number"
    }
})

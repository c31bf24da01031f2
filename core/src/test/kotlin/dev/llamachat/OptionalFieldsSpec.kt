package dev.llamachat

import dev.llamachat.internal.ChatEventJson
import dev.llamachat.internal.JobMetadataSerializer
import dev.llamachat.internal.LlamaJson
import dev.llamachat.internal.UsageSerializer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import java.util.Optional
import java.util.OptionalDouble
import java.util.OptionalLong

/** Fields the reference marks optional (`duration_ms?`, `is_error?`, `turns?`, ...) stay absent when absent. */
class OptionalFieldsSpec : FunSpec({
    test("absent usage fields read as null in Kotlin and empty in Java, never 0") {
        val usage = LlamaJson.decodeFromString(UsageSerializer, "{}")
        usage.durationMs.shouldBeNull()
        usage.turns.shouldBeNull()
        usage.totalInputTokens.shouldBeNull()
        usage.durationMs() shouldBe OptionalDouble.empty()
        usage.turns() shouldBe OptionalLong.empty()
        usage.totalOutputTokens() shouldBe OptionalLong.empty()
    }

    test("zeros are zeros, told apart from absent") {
        val usage = LlamaJson.decodeFromString(UsageSerializer, """{"duration_ms":0,"total_input_tokens":0,"total_output_tokens":0,"turns":0}""")
        usage shouldBe Usage(0.0, 0, 0, 0)
        usage.turns() shouldBe OptionalLong.of(0)
        usage.durationMs() shouldBe OptionalDouble.of(0.0)
        (usage == Usage()) shouldBe false
    }

    test("absent job metadata fields, is_error included, are not invented as 0 or false") {
        val job = LlamaJson.decodeFromString(JobMetadataSerializer, "{}")
        job shouldBe JobMetadata()
        job.isError.shouldBeNull()
        job.isError() shouldBe Optional.empty()
        job.turns() shouldBe OptionalLong.empty()
        job.durationMs() shouldBe OptionalDouble.empty()
        LlamaJson.decodeFromString(JobMetadataSerializer, """{"is_error":false,"turns":0}""").run {
            isError() shouldBe Optional.of(false)
            turns() shouldBe OptionalLong.of(0)
        }
    }

    test("an explicit null reads as absent") {
        LlamaJson.decodeFromString(JobMetadataSerializer, """{"duration_ms":null,"is_error":null,"turns":null}""") shouldBe JobMetadata()
        LlamaJson.decodeFromString(UsageSerializer, """{"duration_ms":null,"turns":null}""") shouldBe Usage()
    }

    test("absent optional fields stay absent when written back; nullable ones are written as null") {
        LlamaJson.encodeToString(UsageSerializer, Usage(turns = 2)) shouldBe
            """{"total_input_tokens":null,"total_output_tokens":null,"turns":2}"""
        LlamaJson.encodeToString(JobMetadataSerializer, JobMetadata()) shouldBe
            """{"error":null,"export_config_ids":null,"total_input_tokens":null,"total_output_tokens":null}"""
    }

    test("a stop event with an empty usage keeps it empty, through a round trip too") {
        val stop = ChatEventJson.decode("""{"type":"stop","error":null,"is_error":false,"usage":{}}""") as ChatEvent.Stop
        stop.usage shouldBe Usage()
        stop.usage.turns().isPresent shouldBe false
        ChatEventJson.decode(ChatEventJson.encode(stop)) shouldBe stop
    }
})

package dev.llamachat

import dev.llamachat.internal.ImageAttachmentSerializer
import dev.llamachat.internal.JobMetadataSerializer
import dev.llamachat.internal.LlamaJson
import dev.llamachat.internal.PageSerializer
import dev.llamachat.internal.SessionSerializer
import dev.llamachat.internal.SessionSummarySerializer
import dev.llamachat.internal.UsageSerializer
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import java.time.Instant
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

// The JSON examples of the API reference, copied verbatim. spec/001 (Java) and spec/002 (Go) print the same texts
// (001 has no title example), and the rendered pages 003/004 repeat the create and list ones.

/** spec/000 "List Sessions", Response. */
private val LIST_EXAMPLE = """
{
  "items": [
    {
      "last_updated_at": "2026-04-22T12:34:41.342245",
      "session_id": "ses-abc123",
      "generated_title": "What were the main findings in Q3?...",
      "index_ids": [
        "idx-abc123",
        "idx-def456"
      ],
      "job_metadata": {
        "duration_ms": 0,
        "error": "error",
        "export_config_ids": [
          "string"
        ],
        "is_error": true,
        "total_input_tokens": 0,
        "total_output_tokens": 0,
        "turns": 0
      }
    }
  ],
  "next_page_token": "next_page_token"
}
"""

/** spec/000 "Create Session", Response. */
private val CREATE_EXAMPLE = """
{
  "last_updated_at": "2026-04-22T12:34:41.342245",
  "session_id": "ses-abc123",
  "generated_title": "What were the main findings in Q3?...",
  "index_ids": [
    "idx-abc123",
    "idx-def456"
  ],
  "job_metadata": {
    "duration_ms": 0,
    "error": "error",
    "export_config_ids": [
      "string"
    ],
    "is_error": true,
    "total_input_tokens": 0,
    "total_output_tokens": 0,
    "turns": 0
  }
}
"""

/** spec/000 "Get Full Session", Response. */
private val RETRIEVE_EXAMPLE = """
{
  "events": [
    {
      "content": "content",
      "type": "thinking_delta"
    }
  ],
  "last_updated_at": "2026-04-22T12:34:41.342245",
  "session_id": "ses-abc123",
  "generated_title": "What were the main findings in Q3?...",
  "index_ids": [
    "idx-abc123",
    "idx-def456"
  ],
  "job_metadata": {
    "duration_ms": 0,
    "error": "error",
    "export_config_ids": [
      "string"
    ],
    "is_error": true,
    "total_input_tokens": 0,
    "total_output_tokens": 0,
    "turns": 0
  }
}
"""

/** spec/000 "Get Session Summary", Response. */
private val SUMMARY_EXAMPLE = """
{
  "last_updated_at": "2026-04-22T12:34:41.342245",
  "session_id": "ses-abc123",
  "generated_title": "What were the main findings in Q3?...",
  "index_ids": [
    "idx-abc123",
    "idx-def456"
  ],
  "job_metadata": {
    "duration_ms": 0,
    "error": "error",
    "export_config_ids": [
      "string"
    ],
    "is_error": true,
    "total_input_tokens": 0,
    "total_output_tokens": 0,
    "turns": 0
  }
}
"""

/** spec/000 "Generate Session Title", Response. */
private val TITLE_EXAMPLE = """
{
  "last_updated_at": "2026-04-22T12:34:41.342245",
  "session_id": "ses-abc123",
  "generated_title": "What were the main findings in Q3?...",
  "index_ids": [
    "idx-abc123",
    "idx-def456"
  ],
  "job_metadata": {
    "duration_ms": 0,
    "error": "error",
    "export_config_ids": [
      "string"
    ],
    "is_error": true,
    "total_input_tokens": 0,
    "total_output_tokens": 0,
    "turns": 0
  }
}
"""

/** spec/000 "Stream Messages", Response. */
private val STREAM_EXAMPLE = """
{}
"""

/** The summary every example of the reference describes. */
private val EXAMPLE_SUMMARY = SessionSummary(
    sessionId = "ses-abc123",
    lastUpdatedAt = "2026-04-22T12:34:41.342245",
    generatedTitle = "What were the main findings in Q3?...",
    indexIds = listOf("idx-abc123", "idx-def456"),
    jobMetadata = JobMetadata(
        durationMs = 0.0,
        error = "error",
        exportConfigIds = listOf("string"),
        isError = true,
        totalInputTokens = 0,
        totalOutputTokens = 0,
        turns = 0,
    ),
)

private val summaries = SessionSummarySerializer
private val pages = PageSerializer(SessionSummarySerializer)

/** Encodes with the wire configuration, decodes again, and checks nothing was lost or changed. */
private fun <T> roundTrip(serializer: KSerializer<T>, value: T) {
    val json = LlamaJson.encodeToString(serializer, value)
    val back = LlamaJson.decodeFromString(serializer, json)
    back shouldBe value
    LlamaJson.encodeToString(serializer, back) shouldBe json
}

private val everyEvent: List<ChatEvent> = listOf(
    ChatEvent.UserInput("What were the main findings in Q3?"),
    ChatEvent.ThinkingDelta("Let me "),
    ChatEvent.Thinking("Let me search."),
    ChatEvent.ToolCall("call-1", "search_index", buildJsonObject { put("query", "Q3"); put("top_k", 3) }),
    ChatEvent.ToolResult("call-1", "search_index", buildJsonArray { add(JsonPrimitive("Revenue grew")) }, ImageAttachment("p3.png", "doc-7")),
    ChatEvent.ToolResult("call-2", "calc", JsonNull),
    ChatEvent.TextDelta("Revenue "),
    ChatEvent.Text("Revenue grew 12%."),
    ChatEvent.Stop(null, false, Usage(1520.5, 812, 96, 1)),
    ChatEvent.Stop("index unavailable", true, Usage(3.0, null, null, 2)),
    ChatEvent.Unknown("citation", buildJsonObject { put("type", "citation"); put("source_id", "doc-7") }),
    ChatEvent.Unknown(null, buildJsonObject { put("shiny", true) }),
)

class ModelsSpec : FunSpec({
    context("the API reference's response examples decode") {
        test("list: a page of one summary with its next page token") {
            val page = LlamaJson.decodeFromString(pages, LIST_EXAMPLE)
            page.items shouldBe listOf(EXAMPLE_SUMMARY)
            page.nextPageToken shouldBe "next_page_token"
            page.hasNextPage shouldBe true
        }
        test("create: a bound summary with job metadata, every field read") {
            val summary = LlamaJson.decodeFromString(summaries, CREATE_EXAMPLE)
            summary shouldBe EXAMPLE_SUMMARY
            summary.sessionId shouldBe "ses-abc123"
            summary.indexIds shouldBe listOf("idx-abc123", "idx-def456")
            val job = summary.jobMetadata().get()
            job.exportConfigIds shouldBe listOf("string")
            job.isError shouldBe true
            job.error shouldBe "error"
            summary.lastUpdated shouldBe Instant.parse("2026-04-22T12:34:41.342245Z")
        }
        test("retrieve: the summary fields plus an event history holding a thinking delta") {
            val session = LlamaJson.decodeFromString(SessionSerializer, RETRIEVE_EXAMPLE)
            session.events shouldBe listOf(ChatEvent.ThinkingDelta("content"))
            session.toSummary() shouldBe EXAMPLE_SUMMARY
            session.lastUpdated shouldBe Instant.parse("2026-04-22T12:34:41.342245Z")
        }
        test("summary: the same summary") {
            LlamaJson.decodeFromString(summaries, SUMMARY_EXAMPLE) shouldBe EXAMPLE_SUMMARY
        }
        test("title: the summary with its generated title") {
            LlamaJson.decodeFromString(summaries, TITLE_EXAMPLE).generatedTitle shouldBe "What were the main findings in Q3?..."
        }
        test("stream: the reference's {} is an event of unknown type, not a failure") {
            dev.llamachat.internal.ChatEventJson.decode(STREAM_EXAMPLE) shouldBe ChatEvent.Unknown(null, JsonObject(emptyMap()))
        }
    }

    context("every model survives a round trip through the wire JSON") {
        test("SessionSummary, full and minimal") {
            roundTrip(summaries, EXAMPLE_SUMMARY)
            roundTrip(summaries, SessionSummary("ses-1", "2026-04-22T12:34:41.342245"))
            roundTrip(summaries, SessionSummary("ses-2", "2026-04-22T12:34:41Z", "T", emptyList(), JobMetadata()))
        }
        test("JobMetadata, Usage and ImageAttachment") {
            roundTrip(JobMetadataSerializer, JobMetadata(12.5, null, null, false, null, null, 3))
            roundTrip(JobMetadataSerializer, EXAMPLE_SUMMARY.jobMetadata!!)
            roundTrip(UsageSerializer, Usage(1520.5, 812, 96, 1))
            roundTrip(UsageSerializer, Usage())
            roundTrip(ImageAttachmentSerializer, ImageAttachment("page-3.png", "doc-7"))
        }
        test("Page<SessionSummary>, with and without a next page") {
            roundTrip(pages, Page(listOf(EXAMPLE_SUMMARY, SessionSummary("ses-2", "2026-04-21T08:00:00")), "tok"))
            roundTrip(pages, Page(emptyList(), null))
        }
        test("Session with every ChatEvent variant in its history") {
            val session = Session("ses-1", "2026-04-22T12:34:41.342245", everyEvent, "Q3", listOf("idx-a"), JobMetadata(turns = 1))
            roundTrip(SessionSerializer, session)
            LlamaJson.decodeFromString(SessionSerializer, LlamaJson.encodeToString(SessionSerializer, session)).events shouldBe everyEvent
        }
        test("summaries are written snake_case with explicit nulls, as the service writes them") {
            LlamaJson.encodeToString(summaries, SessionSummary("ses-1", "2026-04-22T12:34:41.342245")) shouldBe
                """{"session_id":"ses-1","last_updated_at":"2026-04-22T12:34:41.342245","generated_title":null,"index_ids":null,"job_metadata":null}"""
        }
    }

    context("unknown fields never fail a model (ForwardCompatibilitySpec shows they are kept)") {
        test("at every level of a page, the known fields read as without them") {
            val json = """{"items":[{"session_id":"s","last_updated_at":"2026-04-22T12:34:41","owner":{"id":1},
                "job_metadata":{"turns":2,"model":"x","cost":[1,2]}}],"next_page_token":null,"total":1}"""
            val page = LlamaJson.decodeFromString(pages, json)
            page.items.single().sessionId shouldBe "s"
            page.items.single().jobMetadata?.turns shouldBe 2L
            page.nextPageToken.shouldBeNull()
        }
        test("in a session and its events") {
            val json = """{"session_id":"s","last_updated_at":"t","archived":false,
                "events":[{"type":"text","content":"a","ts":1},{"type":"stop","error":null,"is_error":false,"usage":{"turns":1,"x":0},"y":[]}]}"""
            val events = LlamaJson.decodeFromString(SessionSerializer, json).events
            (events[0] as ChatEvent.Text).content shouldBe "a"
            (events[1] as ChatEvent.Stop).usage.turns shouldBe 1L
        }
    }

    context("optional fields: null and absent") {
        test("absent and null optional fields both read as null") {
            val absent = LlamaJson.decodeFromString(summaries, """{"session_id":"s","last_updated_at":"t"}""")
            val nulls = LlamaJson.decodeFromString(summaries,
                """{"session_id":"s","last_updated_at":"t","generated_title":null,"index_ids":null,"job_metadata":null}""")
            absent shouldBe SessionSummary("s", "t")
            nulls shouldBe absent
            absent.generatedTitle().isPresent shouldBe false
            absent.indexIds().isPresent shouldBe false
            absent.jobMetadata().isPresent shouldBe false
        }
        test("an empty index list is not the same as an unbound session") {
            LlamaJson.decodeFromString(summaries, """{"session_id":"s","last_updated_at":"t","index_ids":[]}""").indexIds shouldBe emptyList()
        }
        test("null token counts stay null, while 0 is 0") {
            val nulls = LlamaJson.decodeFromString(JobMetadataSerializer, """{"total_input_tokens":null,"total_output_tokens":null}""")
            nulls.totalInputTokens.shouldBeNull()
            nulls.totalInputTokens().isPresent shouldBe false
            LlamaJson.decodeFromString(JobMetadataSerializer, """{"total_input_tokens":0}""").totalInputTokens shouldBe 0L
        }
        test("absent or null optional fields stay absent, never 0 or false") {
            LlamaJson.decodeFromString(JobMetadataSerializer, "{}") shouldBe JobMetadata()
            LlamaJson.decodeFromString(JobMetadataSerializer, """{"duration_ms":null,"is_error":null,"turns":null}""") shouldBe JobMetadata()
            LlamaJson.decodeFromString(UsageSerializer, """{"duration_ms":null,"turns":null}""") shouldBe Usage()
        }
        test("a fractional duration is kept") {
            LlamaJson.decodeFromString(UsageSerializer, """{"duration_ms":1520.75}""").durationMs shouldBe 1520.75
        }
        test("a missing required field fails") {
            shouldThrow<SerializationException> { LlamaJson.decodeFromString(summaries, """{"session_id":"s"}""") }
            shouldThrow<SerializationException> { LlamaJson.decodeFromString(summaries, """{"last_updated_at":"t"}""") }
            shouldThrow<SerializationException> { LlamaJson.decodeFromString(SessionSerializer, """{"session_id":"s","last_updated_at":"t"}""") }
            shouldThrow<SerializationException> { LlamaJson.decodeFromString(pages, """{"next_page_token":"x"}""") }
            shouldThrow<SerializationException> { LlamaJson.decodeFromString(ImageAttachmentSerializer, """{"source_id":"x"}""") }
        }
    }

    context("pages") {
        test("a null or empty token means the last page") {
            for (token in listOf(null, "")) {
                val page = Page(listOf(EXAMPLE_SUMMARY), token)
                page.hasNextPage shouldBe false
                page.nextPageToken().isPresent shouldBe false
            }
            Page(emptyList<SessionSummary>(), "t").nextPageToken().get() shouldBe "t"
        }
        test("an absent token reads as null") {
            LlamaJson.decodeFromString(pages, """{"items":[]}""").run {
                items.shouldBeEmpty()
                nextPageToken.shouldBeNull()
            }
        }
    }

    context("lastUpdated parses the raw timestamp") {
        test("a timestamp without an offset is UTC, microseconds kept") {
            SessionSummary("s", "2026-04-22T12:34:41.342245").lastUpdated shouldBe Instant.parse("2026-04-22T12:34:41.342245Z")
        }
        test("Z and explicit offsets are honoured") {
            SessionSummary("s", "2026-04-22T12:34:41.342245Z").lastUpdated shouldBe Instant.parse("2026-04-22T12:34:41.342245Z")
            SessionSummary("s", "2026-04-22T12:34:41.342245+02:00").lastUpdated shouldBe Instant.parse("2026-04-22T10:34:41.342245Z")
            SessionSummary("s", "2026-04-22T12:34:41-05:00").lastUpdated shouldBe Instant.parse("2026-04-22T17:34:41Z")
        }
        test("without fractions or seconds it still parses") {
            SessionSummary("s", "2026-04-22T12:34:41").lastUpdated shouldBe Instant.parse("2026-04-22T12:34:41Z")
            SessionSummary("s", "2026-04-22T12:34").lastUpdated shouldBe Instant.parse("2026-04-22T12:34:00Z")
        }
        test("garbage gives null, never an exception") {
            for (garbage in listOf("", "yesterday", "2026-04-22", "2026-13-40T99:00:00", "2026-04-22T12:34:41+25:00", "T", "12:34:41")) {
                SessionSummary("s", garbage).lastUpdated.shouldBeNull()
                SessionSummary("s", garbage).lastUpdated().isPresent shouldBe false
            }
        }
        test("the raw text is kept exactly as sent") {
            LlamaJson.decodeFromString(summaries, CREATE_EXAMPLE).lastUpdatedAt shouldBe "2026-04-22T12:34:41.342245"
        }
        test("a session parses it the same way") {
            Session("s", "2026-04-22T12:34:41.342245+02:00", emptyList()).lastUpdated().get() shouldBe Instant.parse("2026-04-22T10:34:41.342245Z")
        }
    }
})

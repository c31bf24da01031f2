package dev.llamachat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.internal.ChatEventJson;
import dev.llamachat.internal.LlamaJsonKt;
import dev.llamachat.internal.SessionSummarySerializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The models as a Java caller sees them: records-style accessors, Optionals, plain JSON values, a visitor. */
class JavaModelsTest {
    private static final List<String> TURN = List.of(
        "{\"type\":\"thinking_delta\",\"content\":\"Let me \"}",
        "{\"type\":\"thinking\",\"content\":\"Let me search.\"}",
        "{\"type\":\"tool_call\",\"call_id\":\"c1\",\"name\":\"search_index\",\"arguments\":{\"query\":\"Q3\",\"top_k\":3,\"filters\":{\"year\":2026}}}",
        "{\"type\":\"tool_result\",\"call_id\":\"c1\",\"name\":\"search_index\",\"result\":[{\"text\":\"Revenue grew\"}],\"image_attachment\":null}",
        "{\"type\":\"text_delta\",\"content\":\"Revenue \"}",
        "{\"type\":\"text\",\"content\":\"Revenue grew 12%.\"}",
        "{\"type\":\"citation\",\"source_id\":\"doc-7\"}",
        "{\"type\":\"stop\",\"error\":null,\"is_error\":false,\"usage\":{\"duration_ms\":1520.5,\"total_input_tokens\":812,\"total_output_tokens\":96,\"turns\":1.0},\"finish\":\"end\"}");

    private static List<ChatEvent> turn() {
        List<ChatEvent> events = new ArrayList<>();
        for (String json : TURN) events.add(ChatEventJson.INSTANCE.decode(json, null));
        return events;
    }

    @Test
    void aVisitorHandlesEveryEventTypeWithoutCasts() {
        List<String> seen = new ArrayList<>();
        ChatEvent.Visitor<Void> visitor = new ChatEvent.Visitor<>() {
            @Override public Void visitThinkingDelta(ChatEvent.ThinkingDelta event) { seen.add("thinking delta " + event.content()); return null; }
            @Override public Void visitTextDelta(ChatEvent.TextDelta event) { seen.add("text delta " + event.content()); return null; }
            @Override public Void visitThinking(ChatEvent.Thinking event) { seen.add("thinking " + event.content()); return null; }
            @Override public Void visitText(ChatEvent.Text event) { seen.add("text " + event.content()); return null; }
            @Override public Void visitUserInput(ChatEvent.UserInput event) { seen.add("user " + event.content()); return null; }
            @Override public Void visitToolCall(ChatEvent.ToolCall event) { seen.add("call " + event.name() + " " + event.arguments().get("query")); return null; }
            @Override public Void visitToolResult(ChatEvent.ToolResult event) { seen.add("result " + event.callId() + " " + event.resultJson()); return null; }
            @Override public Void visitStop(ChatEvent.Stop event) { seen.add("stop " + event.isError() + " " + event.usage().turns().getAsLong()); return null; }
            @Override public Void visitUnknown(ChatEvent.Unknown event) { seen.add("unknown " + event.type().orElse("?")); return null; }
        };
        for (ChatEvent event : turn()) event.accept(visitor);
        assertEquals(List.of(
            "thinking delta Let me ", "thinking Let me search.", "call search_index Q3",
            "result c1 [{\"text\":\"Revenue grew\"}]", "text delta Revenue ", "text Revenue grew 12%.",
            "unknown citation", "stop false 1"), seen);
    }

    @Test
    void toolArgumentsAndResultsArePlainJavaValues() {
        ChatEvent.ToolCall call = (ChatEvent.ToolCall) turn().get(2);
        String query = (String) call.arguments().get("query");
        long topK = (Long) call.arguments().get("top_k");
        @SuppressWarnings("unchecked")
        Map<String, Object> filters = (Map<String, Object>) call.arguments().get("filters");
        assertEquals("Q3", query);
        assertEquals(3L, topK);
        assertEquals(Map.of("year", 2026L), filters);
        assertEquals("{\"query\":\"Q3\",\"top_k\":3,\"filters\":{\"year\":2026}}", call.argumentsJson());
        assertThrows(UnsupportedOperationException.class, () -> call.arguments().put("x", 1));

        ChatEvent.ToolResult result = (ChatEvent.ToolResult) turn().get(3);
        assertEquals(List.of(Map.of("text", "Revenue grew")), result.result());
        assertEquals(Optional.empty(), result.imageAttachment());
        assertEquals(Optional.of("tool_result"), result.type());
    }

    @Test
    void unknownEventsAndUnknownFieldsAreReadable() {
        ChatEvent.Unknown unknown = (ChatEvent.Unknown) turn().get(6);
        assertEquals(Map.of("type", "citation", "source_id", "doc-7"), unknown.fields());
        assertEquals("{\"type\":\"citation\",\"source_id\":\"doc-7\"}", unknown.fieldsJson());
        ChatEvent.Stop stop = (ChatEvent.Stop) turn().get(7);
        assertEquals(Map.of("finish", "end"), stop.additionalProperties());
        assertTrue(turn().get(4).additionalProperties().isEmpty());
    }

    @Test
    void optionalFieldsAreOptionalsAndAbsentIsNotZero() {
        Usage usage = ((ChatEvent.Stop) turn().get(7)).usage();
        assertEquals(OptionalDouble.of(1520.5), usage.durationMs());
        assertEquals(OptionalLong.of(812), usage.totalInputTokens());
        assertEquals(OptionalLong.of(1), usage.turns());

        ChatEvent.Stop bare = (ChatEvent.Stop) ChatEventJson.INSTANCE.decode("{\"type\":\"stop\",\"error\":null,\"is_error\":false,\"usage\":{}}", null);
        assertEquals(OptionalLong.empty(), bare.usage().turns());
        assertEquals(OptionalDouble.empty(), bare.usage().durationMs());
        assertEquals(Optional.empty(), bare.error());
        assertFalse(bare.isError());
    }

    @Test
    void aSummaryReadsRecordsStyle() {
        String json = "{\"session_id\":\"ses-1\",\"last_updated_at\":\"2026-04-22T12:34:41.342245\","
            + "\"job_metadata\":{\"is_error\":false,\"turns\":2},\"owner\":\"team-a\"}";
        SessionSummary summary = LlamaJsonKt.getLlamaJson().decodeFromString(SessionSummarySerializer.INSTANCE, json);
        assertEquals("ses-1", summary.sessionId());
        assertEquals("2026-04-22T12:34:41.342245", summary.lastUpdatedAt());
        assertEquals(Optional.of(Instant.parse("2026-04-22T12:34:41.342245Z")), summary.lastUpdated());
        assertEquals(Optional.empty(), summary.generatedTitle());
        assertEquals(Optional.empty(), summary.indexIds());
        JobMetadata job = summary.jobMetadata().orElseThrow();
        assertEquals(OptionalLong.of(2), job.turns());
        assertEquals(Optional.of(false), job.isError());
        assertEquals(OptionalDouble.empty(), job.durationMs());
        assertEquals(OptionalLong.empty(), job.totalInputTokens());
        assertEquals(Optional.empty(), job.error());
        assertEquals(Map.of("owner", "team-a"), summary.additionalProperties());
        assertTrue(summary.toString().contains("ses-1"));
        assertEquals(summary, LlamaJsonKt.getLlamaJson().decodeFromString(SessionSummarySerializer.INSTANCE, json));
    }

    @Test
    void aCollectedTurnReadsRecordsStyle() {
        ChatTurnCollector collector = new ChatTurnCollector();
        for (ChatEvent event : turn()) collector.add(event);
        ChatTurn turn = collector.build();
        assertEquals("Revenue grew 12%.", turn.text());
        assertEquals("Let me search.", turn.thinking());
        assertEquals(1, turn.toolUses().size());
        ToolUse use = turn.toolUses().get(0);
        assertEquals("search_index", use.call().name());
        assertTrue(use.result().isPresent());
        assertEquals(OptionalLong.of(96), turn.usage().orElseThrow().totalOutputTokens());
        assertFalse(turn.isError());
        assertEquals(Optional.empty(), turn.error());
        assertEquals(1, turn.unknownEvents().size());
        assertEquals(8, turn.eventCount());
        assertNull(turn.unknownEvents().get(0).fields().get("missing"));
    }

    @Test
    void aPageSaysWhetherAnotherFollows() {
        Page<String> last = new Page<>(List.of("a"), "");
        assertFalse(last.hasNextPage());
        assertEquals(Optional.empty(), last.nextPageToken());
        Page<String> more = new Page<>(List.of("a"), "t2");
        assertEquals(Optional.of("t2"), more.nextPageToken());
        assertEquals(List.of("a"), more.items());
    }

    @Test
    void everyEventThatCarriesOneTextIsAContentEventEqualOnlyToItsOwnType() {
        StringBuilder texts = new StringBuilder();
        for (ChatEvent event : turn()) {
            if (event instanceof ChatEvent.ContentEvent) texts.append(((ChatEvent.ContentEvent) event).content()).append('|');
        }
        assertEquals("Let me |Let me search.|Revenue |Revenue grew 12%.|", texts.toString());
        assertEquals(new ChatEvent.Text("a"), new ChatEvent.Text("a"));
        assertEquals(new ChatEvent.Text("a").hashCode(), new ChatEvent.Text("a").hashCode());
        assertFalse(new ChatEvent.Text("a").equals(new ChatEvent.TextDelta("a")));
        assertEquals("TextDelta(content=a)", new ChatEvent.TextDelta("a").toString());
    }

    @Test
    void aValidationErrorReadsRecordsStyle() {
        ValidationError error = new ValidationError(List.of("body", "prompt"), "Field required", "missing");
        assertEquals(List.of("body", "prompt"), error.loc());
        assertEquals("Field required", error.msg());
        assertEquals("missing", error.type());
        assertEquals(new ValidationError(List.of("body", "prompt"), "Field required", "missing"), error);
        assertEquals("body.prompt: Field required", error.toString());
    }
}

package dev.llamachat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llamachat.internal.ChatEventJson;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Events a Java caller builds from plain values (to script a turn with testkit), without kotlinx types. */
class JavaBuiltEventsTest {
    private static Map<String, Object> arguments() {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("year", 2026);
        filters.put("final", true);
        filters.put("region", null);
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("query", "Q3 revenue");
        arguments.put("top_k", 3L);
        arguments.put("threshold", 0.5);
        arguments.put("huge", new BigInteger("123456789012345678901234567890"));
        arguments.put("tags", List.of("finance", "2026"));
        arguments.put("filters", filters);
        return arguments;
    }

    @Test
    void aToolCallBuiltFromAMapReadsBackAsTheSamePlainValuesAndEncodesAsJson() {
        ChatEvent.ToolCall call = new ChatEvent.ToolCall("c1", "search_index", arguments());
        Map<String, Object> read = call.arguments();
        assertEquals("Q3 revenue", read.get("query"));
        assertEquals(3L, read.get("top_k"));
        assertEquals(0.5, read.get("threshold"));
        assertEquals(new BigInteger("123456789012345678901234567890"), read.get("huge"));
        assertEquals(List.of("finance", "2026"), read.get("tags"));
        Map<?, ?> filters = (Map<?, ?>) read.get("filters");
        assertEquals(2026L, filters.get("year")); // an Integer in, a Long out: JSON keeps the number, not its Java type
        assertEquals(true, filters.get("final"));
        assertNull(filters.get("region"));
        assertEquals(List.of("query", "top_k", "threshold", "huge", "tags", "filters"), List.copyOf(read.keySet()));
        String json = ChatEventJson.INSTANCE.encode(call);
        assertEquals(call, ChatEventJson.INSTANCE.decode(json, null));
        assertEquals(
            "{\"query\":\"Q3 revenue\",\"top_k\":3,\"threshold\":0.5,\"huge\":123456789012345678901234567890,"
                + "\"tags\":[\"finance\",\"2026\"],\"filters\":{\"year\":2026,\"final\":true,\"region\":null}}",
            call.argumentsJson());
    }

    @Test
    void aToolResultTakesAnyPlainValue() {
        assertEquals("Revenue grew 12%.", new ChatEvent.ToolResult("c1", "search_index", "Revenue grew 12%.", null).result());
        assertEquals(42L, new ChatEvent.ToolResult("c1", "count", 42, null).result());
        assertEquals(List.of(Map.of("text", "Revenue grew")),
            new ChatEvent.ToolResult("c1", "search_index", List.of(Map.of("text", "Revenue grew")), null).result());
        ChatEvent.ToolResult nothing = new ChatEvent.ToolResult("c1", "noop", (Object) null, null);
        assertNull(nothing.result());
        assertEquals("null", nothing.resultJson());
        ImageAttachment page = new ImageAttachment("page-3.png", "doc-7");
        ChatEvent.ToolResult withPage = new ChatEvent.ToolResult("c1", "screenshot", Arrays.asList(1, 2), page);
        assertEquals(Optional.of(page), withPage.imageAttachment());
        assertEquals(withPage, ChatEventJson.INSTANCE.decode(ChatEventJson.INSTANCE.encode(withPage), null));
    }

    @Test
    void anUnknownEventBuiltFromAMapCarriesItsTypeAndEncodesAsItCame() {
        ChatEvent.Unknown citation = new ChatEvent.Unknown("citation", Map.of("source_id", "doc-7"));
        assertEquals(Optional.of("citation"), citation.type());
        assertEquals(Map.of("type", "citation", "source_id", "doc-7"), citation.fields());
        assertEquals(Map.of("source_id", "doc-7"), citation.additionalProperties());
        ChatEvent decoded = ChatEventJson.INSTANCE.decode(ChatEventJson.INSTANCE.encode(citation), null);
        assertEquals(citation, decoded);
    }

    @Test
    void aValueJsonCannotHoldIsRefusedNamingWhereItIs() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("filters", Map.of("since", new java.util.Date(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new ChatEvent.ToolCall("c1", "search_index", arguments));
        assertEquals("$.filters.since is a java.util.Date; JSON takes a Map, a List, a String, a Number, a Boolean or null",
            e.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
            () -> new ChatEvent.ToolResult("c1", "ratio", List.of(1.0, Double.NaN), null));
        assertEquals("$[1] is NaN, which JSON cannot hold", nan.getMessage());
    }
}

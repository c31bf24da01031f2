package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatEvent;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The JSON inside events, read from Java as plain Java values after a real loopback turn: tool arguments, tool
 * results and an unknown event's fields. Each value is reached in one expression from the accessor, with the Java
 * type the SDK documents: {@code Map}, {@code List}, {@code String}, {@code Boolean}, {@code null}, and numbers as
 * {@code Long} (integers that fit), {@code BigInteger} (larger integers) or {@code Double} (a fraction or exponent).
 */
class JsonAccessorsLoopbackTest extends LoopbackTest {
    @Test
    void toolCallArgumentsAreAMapOfPlainJavaValues() {
        List<ChatEvent> turn = EveryEventTurn.read(client, server);
        Map<String, Object> arguments = ((ChatEvent.ToolCall) turn.get(3)).arguments();

        assertEquals(List.of("query", "top_k", "threshold", "scale", "exact", "cursor", "filters", "seed"),
            List.copyOf(arguments.keySet()), "keys in their JSON order");
        assertEquals("Q3 revenue", (String) arguments.get("query"));
        assertEquals(Long.valueOf(3), assertInstanceOf(Long.class, arguments.get("top_k")));
        assertEquals(Double.valueOf(0.25), assertInstanceOf(Double.class, arguments.get("threshold")));
        assertEquals(Double.valueOf(1000), assertInstanceOf(Double.class, arguments.get("scale")), "1e3 has an exponent");
        assertEquals(Boolean.TRUE, assertInstanceOf(Boolean.class, arguments.get("exact")));
        assertTrue(arguments.containsKey("cursor"));
        assertNull(arguments.get("cursor"), "a JSON null is a Java null");
        assertEquals(new BigInteger("123456789012345678901234567890"), assertInstanceOf(BigInteger.class, arguments.get("seed")));
        assertEquals(2026L, ((Map<?, ?>) arguments.get("filters")).get("year"));
        assertEquals("q3", ((List<?>) ((Map<?, ?>) arguments.get("filters")).get("tags")).get(1));
        assertEquals(Map.of("year", 2026L, "tags", List.of("finance", "q3")), arguments.get("filters"));

        assertThrows(UnsupportedOperationException.class, () -> arguments.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) ((Map<?, ?>) arguments.get("filters")).get("tags")).clear());
        assertEquals(EveryEventTurn.SEARCH_ARGUMENTS, ((ChatEvent.ToolCall) turn.get(3)).argumentsJson());
        assertEquals(Map.of(), ((ChatEvent.ToolCall) turn.get(5)).arguments(), "{} is an empty map");
    }

    @Test
    void aToolResultIsAPlainJavaValueWhateverItsJsonKind() {
        List<ChatEvent> turn = EveryEventTurn.read(client, server);
        ChatEvent.ToolResult object = (ChatEvent.ToolResult) turn.get(4);
        ChatEvent.ToolResult string = (ChatEvent.ToolResult) turn.get(6);
        ChatEvent.ToolResult number = (ChatEvent.ToolResult) turn.get(8);

        assertEquals(1L, ((Map<?, ?>) object.result()).get("total"));
        assertEquals(Boolean.FALSE, ((Map<?, ?>) object.result()).get("truncated"));
        assertEquals(0.92, ((Map<?, ?>) ((List<?>) ((Map<?, ?>) object.result()).get("hits")).get(0)).get("score"));
        assertEquals(4L, ((Map<?, ?>) ((List<?>) ((Map<?, ?>) object.result()).get("hits")).get(0)).get("page"));
        assertEquals(List.of(Map.of("text", "Revenue grew 12%", "score", 0.92, "page", 4L)), ((Map<?, ?>) object.result()).get("hits"));

        assertEquals("12%", assertInstanceOf(String.class, string.result()));
        assertEquals("\"12%\"", string.resultJson());
        assertEquals(Long.valueOf(42), assertInstanceOf(Long.class, number.result()));
        assertEquals("42", number.resultJson());
    }

    @Test
    void anUnknownEventKeepsItsFieldsAsPlainJavaValues() {
        ChatEvent.Unknown citation = (ChatEvent.Unknown) EveryEventTurn.read(client, server).get(10);

        assertEquals(Optional.of("citation"), citation.type());
        assertEquals("citation", citation.fields().get("type"), "fields() is the whole object, type included");
        assertEquals("doc-7", (String) citation.fields().get("source_id"));
        assertEquals(Long.valueOf(4), assertInstanceOf(Long.class, citation.fields().get("page")));
        assertEquals(Boolean.TRUE, citation.fields().get("verified"));
        assertTrue(citation.fields().containsKey("note"));
        assertNull(citation.fields().get("note"));
        assertEquals(7L, ((Map<?, ?>) ((List<?>) citation.fields().get("spans")).get(0)).get("end"));
        assertEquals(List.of("source_id", "page", "verified", "note", "spans"), List.copyOf(citation.additionalProperties().keySet()),
            "its other fields are also its additional properties");
        assertEquals(EveryEventTurn.EVENTS.get(10), citation.fieldsJson());
    }
}

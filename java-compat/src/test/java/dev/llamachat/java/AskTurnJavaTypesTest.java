package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.llamachat.ChatTurn;
import dev.llamachat.ToolUse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The {@link ChatTurn} that {@code ask} folds from a loopback turn with every event type, blocking and asynchronous:
 * its tool uses and unknown events carry plain Java values.
 */
class AskTurnJavaTypesTest extends LoopbackTest {
    @Test
    void theBlockingAskFoldsToolUsesAndUnknownEventsIntoPlainJavaValues() {
        assertReadsAsPlainJavaValues(client.ask(EveryEventTurn.scriptedSession(client, server), TestClients.turn("scripted")));
    }

    @Test
    void theAsyncAskFoldsToolUsesAndUnknownEventsIntoPlainJavaValues() {
        assertReadsAsPlainJavaValues(async.ask(EveryEventTurn.scriptedSession(client, server), TestClients.turn("scripted")).join());
    }

    private static void assertReadsAsPlainJavaValues(ChatTurn turn) {
        assertEquals("Revenue grew 12%.", turn.text());
        assertEquals("Let me search.", turn.thinking());
        assertEquals(14, turn.eventCount());
        assertEquals(List.of(), turn.unpairedResults());
        assertFalse(turn.isError());
        assertEquals(Optional.empty(), turn.error());
        assertEquals(OptionalLong.of(96), turn.usage().orElseThrow().totalOutputTokens());

        List<ToolUse> uses = turn.toolUses();
        assertEquals(List.of("search_index", "percent", "count"), uses.stream().map(use -> use.call().name()).toList());
        assertEquals(Long.valueOf(3), assertInstanceOf(Long.class, uses.get(0).call().arguments().get("top_k")));
        assertEquals("finance", ((List<?>) ((Map<?, ?>) uses.get(0).call().arguments().get("filters")).get("tags")).get(0));
        assertEquals(0.92, ((Map<?, ?>) ((List<?>) ((Map<?, ?>) uses.get(0).result().orElseThrow().result()).get("hits")).get(0)).get("score"));
        assertEquals("12%", uses.get(1).result().orElseThrow().result());
        assertEquals(42L, uses.get(2).result().orElseThrow().result());
        assertEquals("hits", uses.get(2).call().arguments().get("of"));

        assertEquals(1, turn.unknownEvents().size());
        assertEquals(Optional.of("citation"), turn.unknownEvents().get(0).type());
        assertEquals("doc-7", turn.unknownEvents().get(0).fields().get("source_id"));
        assertEquals(Long.valueOf(4), assertInstanceOf(Long.class, turn.unknownEvents().get(0).fields().get("page")));
        assertEquals(List.of(Map.of("start", 0L, "end", 7L)), turn.unknownEvents().get(0).fields().get("spans"));
    }
}

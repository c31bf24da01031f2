package dev.llamachat.samples.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavaPublisherTurnTest {
    @Test
    void aSubscriberAskingForOneEventAtATimeGetsTheWholeTurn() {
        try (JavaSamplesSupport s = new JavaSamplesSupport()) {
            JavaPublisherTurn.run(s.async, "idx-demo", s.out);

            String output = s.output();
            List<String> lines = output.lines().toList();
            assertEquals("[tool] search_index {\"query\":\"What were the main findings in Q3?\",\"index_ids\":[\"idx-demo\"]}", lines.get(0));
            assertEquals("According to the Q3 2025 Quarterly Report:", lines.get(1));
            assertTrue(output.contains("churn fell to 2.1%"), output);
            assertTrue(lines.get(lines.size() - 1).matches("\\[usage] \\d+ tokens out"), lines.get(lines.size() - 1));
            assertEquals(0, s.server.sessionCount(null));
        }
    }
}

package dev.llamachat.samples.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.testkit.Endpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaTourTest {
    @Test
    void makesTheSevenCallsAndAStreamedTurnWithTheBlockingClient() {
        try (JavaSamplesSupport s = new JavaSamplesSupport()) {
            JavaTour.run(s.client, "idx-demo", s.out);

            String output = s.output();
            List<String> lines = output.lines().toList();
            assertTrue(lines.get(0).startsWith("According to the Q3 2025 Quarterly Report:"), lines.get(0));
            assertTrue(output.contains("churn fell to 2.1%"), output);
            assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+ characters about Q4")), output);
            assertTrue(lines.contains("2 turns"), output);
            assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+ events in the history")), output);
            assertTrue(lines.contains("Q3 findings..."), output);
            assertEquals(1, lines.stream().filter(l -> l.startsWith("listed ses-")).count());
            assertEquals("deleted: 404", lines.get(lines.size() - 1));
            for (Endpoint endpoint : Endpoint.values()) {
                if (endpoint == Endpoint.ANY) continue;
                assertTrue(s.server.getRequests().stream().anyMatch(r -> r.getEndpoint() == endpoint), endpoint + " was called");
            }
            assertTrue(s.server.awaitIdle(Duration.ofSeconds(10)));
            assertEquals(0, s.server.sessionCount(null));
        }
    }
}

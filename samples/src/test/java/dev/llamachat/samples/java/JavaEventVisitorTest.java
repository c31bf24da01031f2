package dev.llamachat.samples.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaEventVisitorTest {
    @Test
    void printsEveryEventTypeThroughTheVisitor() {
        try (JavaSamplesSupport s = new JavaSamplesSupport()) {
            JavaEventVisitor.run(s.client, "idx-demo", s.out);

            List<String> lines = s.output().lines().toList();
            assertTrue(lines.get(0).matches("\\[thinking] \\d+ characters"), lines.get(0));
            assertTrue(lines.get(1).startsWith("[tool] search_index {"), lines.get(1));
            assertTrue(lines.get(2).matches("\\[result] \\d+ characters of JSON"), lines.get(2));
            assertEquals("According to the Q3 2025 Quarterly Report:", lines.get(3));
            assertTrue(lines.get(lines.size() - 1).matches("\\[done] \\d+ tokens out"), lines.get(lines.size() - 1));
            assertTrue(s.server.awaitIdle(Duration.ofSeconds(10)));
            assertEquals(0, s.server.sessionCount(null));
        }
    }
}

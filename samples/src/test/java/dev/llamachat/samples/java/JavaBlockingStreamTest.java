package dev.llamachat.samples.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaBlockingStreamTest {
    @Test
    void readsTurnsWithAForLoopAndAStreamAndClosesThem() {
        try (JavaSamplesSupport s = new JavaSamplesSupport()) {
            JavaBlockingStream.run(s.client, "idx-demo", s.out);

            List<String> lines = s.output().lines().toList();
            assertEquals("[tool] search_index", lines.get(0));
            assertEquals("According to the Q3 2025 Quarterly Report:", lines.get(1));
            assertTrue(lines.get(lines.size() - 1).matches("the Q4 answer came in \\d+ pieces"), lines.get(lines.size() - 1));
            assertTrue(s.server.awaitIdle(Duration.ofSeconds(10)));
            assertEquals(0, s.server.sessionCount(null));
        }
    }
}

package dev.llamachat.samples.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.testkit.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaAsyncTourTest {
    @Test
    void makesEverySessionCallThroughFuturesAndDeletesWhatItCreated() {
        try (JavaSamplesSupport s = new JavaSamplesSupport()) {
            for (int i = 0; i < 21; i++) s.async.create().join(); // with the tour's 2, two pages of 20
            s.server.clearRequests();

            JavaAsyncTour.run(s.async, "idx-demo", s.out);

            List<String> lines = s.output().lines().toList();
            assertTrue(lines.get(0).matches("created ses-[0-9a-f-]+ and ses-[0-9a-f-]+"), lines.get(0));
            assertEquals(23, lines.stream().filter(l -> l.startsWith("listed ")).count());
            // listAll() pages at the service's default size of 20: two pages.
            assertEquals(2, s.server.getRequests().stream()
                .filter(r -> r.getEndpoint() == Endpoint.LIST && r.queryParameter("page_size") == null).count());
            assertTrue(lines.contains("first page: 1 session(s), more: true"));
            assertTrue(lines.contains("answer: According to the Q3 2025 Quarterly Report:"));
            assertTrue(lines.contains("summary: 1 turn(s)"));
            assertTrue(lines.contains("  user: What were the main findings in Q3?"));
            assertTrue(lines.contains("  tool: search_index"));
            assertTrue(lines.contains("title: Quarterly results: the Q3 findings..."));
            assertEquals("deleted: 404", lines.get(lines.size() - 1));
            assertEquals(21, s.server.sessionCount(null));
        }
    }
}

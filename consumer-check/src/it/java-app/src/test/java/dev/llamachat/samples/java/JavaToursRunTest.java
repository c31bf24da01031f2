package dev.llamachat.samples.java;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.java.LlamaCloudChatClient;
import dev.llamachat.testkit.LocalLlamaCloud;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** README's Java tours (blocking, then async), compiled for Java 11 and run against testkit. Not a README block. */
class JavaToursRunTest {
    @Test
    void theBlockingTourStreamsAnAnswerAndDeletesItsSession() {
        String printed = run(false);
        assertTrue(printed.contains("churn fell to 2.1%"), printed);
        assertTrue(printed.contains("deleted: 404"), printed);
    }

    @Test
    void theAsyncTourMakesEveryCallAndDeletesItsSessions() {
        String printed = run(true);
        assertTrue(printed.contains("answer: According to the Q3 2025 Quarterly Report:"), printed);
        assertTrue(printed.contains("  tool: search_index"), printed);
        assertTrue(printed.contains("deleted: 404"), printed);
    }

    private static String run(boolean async) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (LocalLlamaCloud server = LocalLlamaCloud.start();
             LlamaCloudChatClient client = LlamaCloudChatClient.builder().apiKey("test").baseUrl(server.getBaseUrl()).build()) {
            if (async) JavaAsyncTour.run(client.async(), "idx-demo", out);
            else JavaTour.run(client, "idx-demo", out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        return printed;
    }
}

package com.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.java.LlamaCloudChatClient;
import dev.llamachat.testkit.LocalLlamaCloud;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** README's Java quickstart, run against testkit: it must print the streamed answer. Not a README block. */
class QuickstartRunsTest {
    @Test
    void printsTheStreamedAnswer() {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (LocalLlamaCloud server = LocalLlamaCloud.start();
             LlamaCloudChatClient client = LlamaCloudChatClient.builder().apiKey("test").baseUrl(server.getBaseUrl()).build()) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Quickstart.printAnswer(client, "idx-demo", "What were the main findings in Q3?");
        } finally {
            System.setOut(console);
        }
        String answer = printed.toString(StandardCharsets.UTF_8);
        console.println(answer);
        assertTrue(answer.contains("churn fell to 2.1%"), answer);
    }
}

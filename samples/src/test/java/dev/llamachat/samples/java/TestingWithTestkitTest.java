package dev.llamachat.samples.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatTurn;
import dev.llamachat.NotFoundException;
import dev.llamachat.java.AsyncChatSession;
import dev.llamachat.java.CreateSessionParams;
import dev.llamachat.java.LlamaCloudChatAsync;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.ScriptedResponse;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How a Java application tests its code against testkit; README's Java example is copied from here. */
class TestingWithTestkitTest {
    // README: java-testkit start
    @Test
    void answersAndFailsAsTheTestAsks() {
        try (LocalLlamaCloud server = LocalLlamaCloud.start();
             LlamaCloudChatAsync chat = LlamaCloudChatAsync.builder()
                 .apiKey("test")
                 .baseUrl(server.getBaseUrl())
                 .build()) {
            server.enqueue(ScriptedResponse.status(503).withHeader("Retry-After", "0"), Endpoint.CREATE);   // retried
            AsyncChatSession session = chat.startSession(CreateSessionParams.builder().addIndexId("idx-demo").build()).join();
            ChatTurn turn = session.ask("What were the main findings in Q3?").join();
            assertTrue(turn.text().contains("churn fell to 2.1%"));

            server.enqueue(ScriptedResponse.status(404), Endpoint.SUMMARY);
            CompletionException e = assertThrows(CompletionException.class, () -> session.summary().join());
            assertInstanceOf(NotFoundException.class, e.getCause());
            assertEquals(2, server.getRequests().stream().filter(r -> r.getEndpoint() == Endpoint.CREATE).count());
        }
    }
    // README: java-testkit end
}

package dev.llamachat.samples.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatTurn;
import dev.llamachat.NotFoundException;
import dev.llamachat.java.ChatSessionClient;
import dev.llamachat.java.CreateSessionParams;
import dev.llamachat.java.LlamaCloudChatClient;
import dev.llamachat.testkit.ScriptedResponse;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.LocalLlamaCloud;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a Java application tests its code against testkit; README's Java example is copied from here. */
class TestingWithTestkitTest {
    @Test
    void answersAndFailsAsTheTestAsks() {
        try (LocalLlamaCloud server = LocalLlamaCloud.start();
             LlamaCloudChatClient chat = LlamaCloudChatClient.builder()
                 .apiKey("test")
                 .baseUrl(server.getBaseUrl())
                 .build()) {
            server.enqueue(ScriptedResponse.status(503).withHeader("Retry-After", "0"), Endpoint.CREATE);   // retried
            ChatSessionClient session = chat.startSession(CreateSessionParams.builder().addIndexId("idx-demo").build());
            ChatTurn turn = session.ask("What were the main findings in Q3?");
            assertTrue(turn.text().contains("churn fell to 2.1%"));

            server.enqueue(ScriptedResponse.status(404), Endpoint.SUMMARY);
            NotFoundException e = assertThrows(NotFoundException.class, session::summary);
            assertEquals(404, e.status());
            assertEquals(2, server.getRequests().stream().filter(r -> r.getEndpoint() == Endpoint.CREATE).count());
        }
    }
}

package com.example.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatEvent;
import dev.llamachat.ChatTurn;
import dev.llamachat.SessionSummary;
import dev.llamachat.java.CreateSessionParams;
import dev.llamachat.java.EventStream;
import dev.llamachat.java.LlamaCloudChatClient;
import dev.llamachat.java.StreamParams;
import dev.llamachat.testkit.LocalLlamaCloud;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With Boot's dependency management after llamachat-bom, the versions at run time are the ones the SDK needs: the
 * first call of each client (where a Kotest-pinned kotlinx-coroutines once failed with NoSuchMethodError) and a
 * streamed turn on the blocking and the async path work.
 */
class BootManagedVersionsTest {
    @Test
    void everyPathRunsOnTheVersionsTheBomsChose() {
        try (LocalLlamaCloud server = LocalLlamaCloud.start();
             LlamaCloudChatClient client = LlamaCloudChatClient.builder().apiKey("test").baseUrl(server.getBaseUrl()).build()) {
            SessionSummary session = client.create(CreateSessionParams.builder().addIndexId("idx-demo").build());
            StreamParams q3 = StreamParams.builder().prompt("What were the main findings in Q3?").addIndexId("idx-demo").build();

            List<ChatEvent> events = new ArrayList<>();
            try (EventStream stream = client.stream(session.sessionId(), q3)) {
                stream.forEach(events::add);
            }
            assertTrue(events.get(events.size() - 1) instanceof ChatEvent.Stop, events.toString());

            ChatTurn turn = client.async().ask(session.sessionId(), q3.toBuilder().prompt("And in Q4?").build()).join();
            assertFalse(turn.text().isEmpty());
            assertEquals(2, client.async().retrieve(session.sessionId()).join().events().stream()
                .filter(e -> e instanceof ChatEvent.UserInput).count());
        }
    }
}

// README: java-tour start
package dev.llamachat.samples.java;

import dev.llamachat.ChatEvent;
import dev.llamachat.ChatTurn;
import dev.llamachat.NotFoundException;
import dev.llamachat.SessionSummary;
import dev.llamachat.java.CreateSessionParams;
import dev.llamachat.java.EventStream;
import dev.llamachat.java.LlamaCloudChatClient;
import dev.llamachat.java.StreamParams;
import dev.llamachat.java.TitleParams;
import java.io.PrintStream;

public final class JavaTour {
    public static void main(String[] args) {
        try (LlamaCloudChatClient client = LlamaCloudChatClient.fromEnv()) {  // LLAMA_CLOUD_API_KEY
            run(client, "idx-demo", System.out);
        }
    }

    static void run(LlamaCloudChatClient client, String indexId, PrintStream out) {
        SessionSummary session = client.create(CreateSessionParams.builder().addIndexId(indexId).build());
        String id = session.sessionId();
        StreamParams q3 = StreamParams.builder().prompt("What were the main findings in Q3?").addIndexId(indexId).build();

        try (EventStream events = client.stream(id, q3)) {                   // a streamed turn
            for (ChatEvent event : events) {
                if (event instanceof ChatEvent.TextDelta) out.print(((ChatEvent.TextDelta) event).content());
            }
        }
        ChatTurn q4 = client.ask(id, q3.toBuilder().prompt("And in Q4?").build()); // a turn, collected
        out.println("\n" + q4.text().length() + " characters about Q4");

        out.println(client.summary(id).jobMetadata().map(m -> m.turns().orElse(0) + " turns").orElse("no turns"));
        out.println(client.retrieve(id).events().size() + " events in the history");
        out.println(client.generateTitle(id, TitleParams.builder().firstMessage("Q3 findings").build())
            .generatedTitle().orElse("(untitled)"));
        for (SessionSummary s : client.listAll()) out.println("listed " + s.sessionId()); // pages lazily

        client.delete(id);
        try {
            client.summary(id);
        } catch (NotFoundException e) {                                       // typed, never wrapped
            out.println("deleted: " + e.status());
        }
    }
}
// README: java-tour end

package dev.llamachat.samples.java;

import dev.llamachat.ChatEvent;
import dev.llamachat.java.ChatSessionClient;
import dev.llamachat.java.CreateSessionParams;
import dev.llamachat.java.EventStream;
import dev.llamachat.java.LlamaCloudChatClient;
import dev.llamachat.samples.SampleClient;
import java.io.PrintStream;

/**
 * A chat turn for blocking code: an {@link EventStream} read with a for-each loop (or as a
 * {@link java.util.stream.Stream}), closed by try-with-resources. Run it with
 * {@code mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.java.JavaBlockingStream}.
 */
public final class JavaBlockingStream {
    private JavaBlockingStream() {}

    /** Streams two turns against the service {@link SampleClient#open} picks from the environment. */
    public static void main(String[] args) {
        try (SampleClient client = SampleClient.open();
             LlamaCloudChatClient chat = LlamaCloudChatClient.wrap(client.getChat())) {
            run(chat, client.getIndexId(), System.out);
        }
    }

    /**
     * Creates a session, prints one turn as it streams, counts the events of a second turn with a
     * {@link java.util.stream.Stream}, and deletes the session.
     */
    public static void run(LlamaCloudChatClient chat, String indexId, PrintStream out) {
        ChatSessionClient session = chat.startSession(CreateSessionParams.builder().addIndexId(indexId).build());
        try (EventStream events = session.stream("What were the main findings in Q3?")) {
            for (ChatEvent event : events) {                            // blocks until each event arrives
                if (event instanceof ChatEvent.ToolCall call) {
                    out.println("[tool] " + call.name());
                } else if (event instanceof ChatEvent.TextDelta delta) {
                    out.print(delta.content());
                    out.flush();
                }
            }
        }                                                               // closing early stops the turn
        out.println();

        try (EventStream events = session.stream("And what happened in Q4?")) {
            long deltas = events.stream().filter(e -> e instanceof ChatEvent.TextDelta).count();
            out.println("the Q4 answer came in " + deltas + " pieces");
        }
        session.delete();
    }
}

package dev.llamachat.samples.java;

import dev.llamachat.ChatEvent;
import dev.llamachat.java.ChatSessionClient;
import dev.llamachat.java.CreateSessionParams;
import dev.llamachat.java.EventStream;
import dev.llamachat.java.LlamaCloudChatClient;
import dev.llamachat.samples.SampleClient;
import java.io.PrintStream;

/**
 * A chat turn handled type by type with a {@link ChatEvent.Visitor}: leave a method out and the code does not
 * compile, which an {@code instanceof} chain cannot promise, and an event type newer than this SDK arrives at
 * {@code visitUnknown} with its fields as plain Java values. Run it with
 * {@code mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.java.JavaEventVisitor}.
 */
public final class JavaEventVisitor {
    private JavaEventVisitor() {}

    /** Streams one turn against the service {@link SampleClient#open} picks from the environment. */
    public static void main(String[] args) {
        try (SampleClient client = SampleClient.open();
             LlamaCloudChatClient chat = LlamaCloudChatClient.wrap(client.getChat())) {
            run(chat, client.getIndexId(), System.out);
        }
    }

    /** Creates a session, prints one turn event by event through a visitor, and deletes the session. */
    public static void run(LlamaCloudChatClient chat, String indexId, PrintStream out) {
        ChatSessionClient session = chat.startSession(CreateSessionParams.builder().addIndexId(indexId).build());
        ChatEvent.Visitor<Void> printer = new ChatEvent.Visitor<>() {
            @Override
            public Void visitThinkingDelta(ChatEvent.ThinkingDelta event) {
                return null; // the whole thinking follows as one Thinking event
            }

            @Override
            public Void visitThinking(ChatEvent.Thinking event) {
                out.println("[thinking] " + event.content().length() + " characters");
                return null;
            }

            @Override
            public Void visitToolCall(ChatEvent.ToolCall event) {
                out.println("[tool] " + event.name() + " " + event.arguments()); // a Map<String, Object>
                return null;
            }

            @Override
            public Void visitToolResult(ChatEvent.ToolResult event) {
                out.println("[result] " + event.resultJson().length() + " characters of JSON");
                return null;
            }

            @Override
            public Void visitTextDelta(ChatEvent.TextDelta event) {
                out.print(event.content());
                out.flush();
                return null;
            }

            @Override
            public Void visitText(ChatEvent.Text event) {
                out.println(); // the whole answer again: its deltas were printed as they came
                return null;
            }

            @Override
            public Void visitUserInput(ChatEvent.UserInput event) {
                return null; // only in a retrieved session's history
            }

            @Override
            public Void visitStop(ChatEvent.Stop event) {
                out.println(event.isError() ? "[failed] " + event.error().orElse("") : "[done] "
                    + event.usage().totalOutputTokens().orElse(0) + " tokens out");
                return null;
            }

            @Override
            public Void visitUnknown(ChatEvent.Unknown event) {
                out.println("[" + event.type().orElse("untyped") + "] " + event.fields());
                return null;
            }
        };
        try (EventStream events = session.stream("What were the main findings in Q3?")) {
            for (ChatEvent event : events) event.accept(printer);
        }
        session.delete();
    }
}

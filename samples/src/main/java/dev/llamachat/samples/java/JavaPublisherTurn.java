package dev.llamachat.samples.java;

import dev.llamachat.ChatEvent;
import dev.llamachat.java.ChatSessionClientAsync;
import dev.llamachat.java.CreateSessionParams;
import dev.llamachat.java.LlamaCloudChatClientAsync;
import dev.llamachat.samples.SampleClient;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A chat turn as a {@link Flow.Publisher}, read by a plain {@link Flow.Subscriber} that asks for one event at a
 * time. Run it with
 * {@code mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.java.JavaPublisherTurn}.
 */
public final class JavaPublisherTurn {
    private JavaPublisherTurn() {}

    /** Streams one turn against the service {@link SampleClient#open} picks from the environment. */
    public static void main(String[] args) {
        try (SampleClient client = SampleClient.open();
             LlamaCloudChatClientAsync chat = LlamaCloudChatClientAsync.wrap(client.getChat())) {
            run(chat, client.getIndexId(), System.out);
        }
    }

    /** Creates a session, streams one turn to {@code out} through a subscriber, and deletes the session. */
    public static void run(LlamaCloudChatClientAsync chat, String indexId, PrintStream out) {
        ChatSessionClientAsync session = chat.startSession(CreateSessionParams.builder().addIndexId(indexId).build()).join();
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.stream("What were the main findings in Q3?").subscribe(new Flow.Subscriber<ChatEvent>() {
            private Flow.Subscription subscription;

            @Override public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);                                           // one event at a time
            }

            @Override public void onNext(ChatEvent event) {
                if (event instanceof ChatEvent.ToolCall call) {
                    out.println("[tool] " + call.name() + " " + call.argumentsJson());
                } else if (event instanceof ChatEvent.TextDelta delta) {
                    out.print(delta.content());
                    out.flush();
                } else if (event instanceof ChatEvent.Stop stop) {
                    out.println();
                    out.println("[usage] " + stop.usage().totalOutputTokens().orElse(0L) + " tokens out");
                }
                subscription.request(1);
            }

            @Override public void onError(Throwable failure) {            // a typed LlamaCloudException
                done.completeExceptionally(failure);
            }

            @Override public void onComplete() {                          // after the stop event
                done.complete(null);
            }
        });
        done.join();
        session.delete().join();
    }
}

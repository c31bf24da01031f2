package dev.llamachat.benchmarks.clients;

import dev.llamachat.ChatEvent;
import dev.llamachat.java.ClientBuilder;
import dev.llamachat.java.EventStream;
import dev.llamachat.java.LlamaCloudChatClient;
import dev.llamachat.java.StreamParams;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * The SDK's Java API used as a Java program uses it (the builder, {@code stream} as a {@code Flow.Publisher},
 * the blocking client's {@code stream} as an {@code EventStream}); written in Java because that API is shaped for Java callers.
 * Each turn counts its events, calls {@code onFirstEvent} at the first, and hands every event's type to
 * {@code onEvent} when one is given.
 */
public final class JavaApiTurns {
    private JavaApiTurns() {
    }

    /**
     * A client for the benchmark's server, its pool as large as the other clients' ({@code POOLED_CONNECTIONS});
     * {@code client.async()} is its asynchronous twin.
     */
    public static LlamaCloudChatClient client(String baseUrl, String apiKey, int maxEventBytes) {
        return builder(baseUrl, apiKey, maxEventBytes).build();
    }

    /** The same client, completing futures and calling subscribers on {@code executor}. */
    public static LlamaCloudChatClient client(String baseUrl, String apiKey, int maxEventBytes, Executor executor) {
        return builder(baseUrl, apiKey, maxEventBytes).executor(executor).build();
    }

    private static ClientBuilder<LlamaCloudChatClient> builder(String baseUrl, String apiKey, int maxEventBytes) {
        return LlamaCloudChatClient.builder().baseUrl(baseUrl).apiKey(apiKey).maxEventBytes(maxEventBytes)
                .maxIdleConnections(SdkFlowClientKt.POOLED_CONNECTIONS);
    }

    /** One turn through the Publisher, with a subscriber that requests everything at once. */
    public static CompletableFuture<Integer> publisherTurn(
            LlamaCloudChatClient chat, String sessionId, String prompt, Runnable onFirstEvent, Consumer<String> onEvent) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        chat.async().stream(sessionId, StreamParams.builder().prompt(prompt).build()).subscribe(new Flow.Subscriber<ChatEvent>() {
            private int events;
            private long chars;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ChatEvent item) {
                if (events == 0) onFirstEvent.run();
                events++;
                if (onEvent != null) onEvent.accept(item.type().orElse(null));
                if (item instanceof ChatEvent.TextDelta) chars += ((ChatEvent.TextDelta) item).content().length();
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                ContentSink.INSTANCE.setChars(ContentSink.INSTANCE.getChars() + chars);
                done.complete(events);
            }
        });
        return done;
    }

    /** One turn through the blocking EventStream, read in a for loop on the calling thread. */
    public static int blockingTurn(
            LlamaCloudChatClient chat, String sessionId, String prompt, Runnable onFirstEvent, Consumer<String> onEvent) {
        int events = 0;
        long chars = 0;
        try (EventStream stream = chat.stream(sessionId, StreamParams.builder().prompt(prompt).build())) {
            for (ChatEvent event : stream) {
                if (events == 0) onFirstEvent.run();
                events++;
                if (onEvent != null) onEvent.accept(event.type().orElse(null));
                if (event instanceof ChatEvent.TextDelta) chars += ((ChatEvent.TextDelta) event).content().length();
            }
        }
        ContentSink.INSTANCE.setChars(ContentSink.INSTANCE.getChars() + chars);
        return events;
    }
}

package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamachat.ChatEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link ChatEvent.Visitor} over loopback: a turn with every event type (and one this SDK does not know), read from
 * testkit through each way the Java clients deliver events, every event dispatched with {@code accept}.
 */
class EventVisitorLoopbackTest extends LoopbackTest {
    private static final DescribingVisitor VISITOR = new DescribingVisitor();

    @Test
    void theBlockingEventStreamDispatchesEveryTypeInOrderUnknownIncluded() {
        String id = EveryEventTurn.scriptedSession(client, server);
        List<String> seen = new ArrayList<>();
        try (EventStream events = client.stream(id, TestClients.turn("scripted"))) {
            for (ChatEvent event : events) seen.add(event.accept(VISITOR));
        }
        assertEquals(EveryEventTurn.DESCRIBED, seen);
    }

    @Test
    void theAsyncPublisherDispatchesEveryTypeInOrderUnknownIncluded() throws Exception {
        String id = EveryEventTurn.scriptedSession(client, server);
        VisitingSubscriber subscriber = new VisitingSubscriber();
        async.stream(id, TestClients.turn("scripted")).subscribe(subscriber);
        assertEquals(EveryEventTurn.DESCRIBED, subscriber.done.get(TestClients.IDLE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void theEventCallbacksOfBothAsksSeeTheSameSequence() {
        List<String> blocking = Collections.synchronizedList(new ArrayList<>());
        client.ask(EveryEventTurn.scriptedSession(client, server), TestClients.turn("scripted"), event -> blocking.add(event.accept(VISITOR)));
        assertEquals(EveryEventTurn.DESCRIBED, blocking);

        List<String> asynchronous = Collections.synchronizedList(new ArrayList<>());
        async.ask(EveryEventTurn.scriptedSession(client, server), TestClients.turn("scripted"), event -> asynchronous.add(event.accept(VISITOR))).join();
        assertEquals(EveryEventTurn.DESCRIBED, asynchronous);
    }

    @Test
    void aRetrievedHistoryIsVisitedUserInputIncluded() {
        String id = client.create().sessionId();
        client.ask(id, TestClients.turn("What were the main findings in Q3?", "idx-demo"));
        List<String> kinds = client.retrieve(id).events().stream()
            .map(event -> event.accept(VISITOR).split(" ")[0])
            .collect(Collectors.toList());
        // docs/wire.md: a stored turn is user_input, then the events as streamed without the deltas.
        assertEquals(List.of("user_input", "thinking", "tool_call", "tool_result", "text", "stop"), kinds);
        assertEquals("user_input What were the main findings in Q3?", client.retrieve(id).events().get(0).accept(VISITOR));
    }

    /** Requests everything and describes each event as it arrives; {@link #done} completes with the descriptions. */
    private static final class VisitingSubscriber implements Flow.Subscriber<ChatEvent> {
        final CompletableFuture<List<String>> done = new CompletableFuture<>();
        private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ChatEvent event) {
            seen.add(event.accept(VISITOR));
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            done.complete(List.copyOf(seen));
        }
    }
}

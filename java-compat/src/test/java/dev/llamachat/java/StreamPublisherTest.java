package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatEvent;
import dev.llamachat.ConflictException;
import dev.llamachat.MalformedEventException;
import dev.llamachat.NotFoundException;
import dev.llamachat.StreamEndedBeforeStopException;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.ScriptedResponse;
import dev.llamachat.testkit.SocketPolicy;
import dev.llamachat.testkit.SseFrames;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** A turn as a Flow.Publisher: events in order, demand, cancellation and typed errors, against testkit. */
class StreamPublisherTest extends LoopbackTest {
    private String newSession(String... indexIds) {
        return async.create(CreateSessionParams.builder().indexIds(List.of(indexIds)).build()).join().sessionId();
    }

    @Test
    void streamsAWholeTurnThatJava17CanMatchWithInstanceofPatterns() throws Exception {
        String id = newSession("idx-demo");
        RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
        async.stream(id, TestClients.turn("What were the main findings in Q3?", "idx-demo")).subscribe(events);
        events.request(Long.MAX_VALUE);
        events.awaitCompletion();

        StringBuilder answer = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        String text = null;
        String toolName = null;
        String attachment = null;
        long outputTokens = -1;
        for (ChatEvent event : events.received()) {
            if (event instanceof ChatEvent.TextDelta delta) {
                answer.append(delta.content());
            } else if (event instanceof ChatEvent.ThinkingDelta delta) {
                thinking.append(delta.content());
            } else if (event instanceof ChatEvent.Text whole) {
                text = whole.content();
            } else if (event instanceof ChatEvent.ToolCall call) {
                toolName = call.name();
            } else if (event instanceof ChatEvent.ToolResult result) {
                attachment = result.imageAttachment().map(a -> a.sourceId()).orElse(null);
            } else if (event instanceof ChatEvent.Stop stop) {
                assertFalse(stop.isError());
                assertEquals(java.util.Optional.empty(), stop.error());
                outputTokens = stop.usage().totalOutputTokens().orElseThrow();
            }
        }
        List<ChatEvent> received = events.received();
        assertInstanceOf(ChatEvent.ThinkingDelta.class, received.get(0));
        assertInstanceOf(ChatEvent.Stop.class, received.get(received.size() - 1));
        assertEquals(text, answer.toString());
        assertTrue(text.contains("Q3"), text);
        assertFalse(thinking.toString().isEmpty());
        assertEquals("search_index", toolName);
        assertTrue(attachment != null && !attachment.isEmpty(), "the tool result carries an image attachment");
        assertTrue(outputTokens > 0);
        assertEquals(0, events.overlaps());
        assertEquals(0, events.signalsAfterTerminal());
    }

    @Test
    void deliversNoEventBeyondDemand() throws Exception {
        String id = newSession();
        RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
        async.stream(id, TestClients.turn("bench:40")).subscribe(events);
        events.request(1);
        assertInstanceOf(ChatEvent.TextDelta.class, events.awaitItem());
        // The server has written the whole turn, so every event is at the client's door: none may come in.
        TestClients.awaitNoRunningTurns(server);
        assertNull(events.pollItem(Duration.ofMillis(300)), "an event arrived without demand");
        assertEquals(1, events.received().size());

        events.request(2);
        events.awaitItem();
        events.awaitItem();
        assertNull(events.pollItem(Duration.ofMillis(100)), "an event arrived without demand");
        assertEquals(3, events.received().size());

        events.request(Long.MAX_VALUE);
        events.awaitCompletion();
        assertEquals(42, events.received().size());
    }

    @Test
    void cancellingTheSubscriptionClosesTheStreamAtOnce() throws Exception {
        String id = newSession("idx-demo");
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(3)), Endpoint.STREAM, 1);
        RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
        async.stream(id, TestClients.turn("What were the main findings in Q3?", "idx-demo")).subscribe(events);
        events.request(Long.MAX_VALUE);
        for (int i = 0; i < 3; i++) events.awaitItem();
        assertEquals(1, server.getOpenStreams(), "the stalled stream stays open until the client leaves");

        events.cancel();

        assertTrue(server.awaitIdle(TestClients.IDLE), "cancel() closed the connection");
        assertFalse(events.isTerminated(), "a cancelled subscriber gets no terminal signal");
    }

    @Test
    void subscribingStartsTheCallSoAFailureArrivesWithoutDemand() throws Exception {
        RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
        async.stream("no-such-session", TestClients.turn("hello")).subscribe(events);
        NotFoundException error = assertInstanceOf(NotFoundException.class, events.awaitError());
        assertEquals(404, error.status());
        assertEquals(List.of(), events.received());
    }

    @Test
    void aNonPositiveRequestCancelsAndSignalsIllegalArgumentException() throws Exception {
        String id = newSession();
        RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
        async.stream(id, TestClients.turn("bench:100")).subscribe(events);
        events.request(2);
        events.awaitItem();
        events.request(0);
        IllegalArgumentException error = assertInstanceOf(IllegalArgumentException.class, events.awaitError());
        assertTrue(error.getMessage().contains("non-positive subscription request"), error.getMessage());
        assertEquals(0, events.signalsAfterTerminal());
    }

    @Test
    void eachSubscriptionRunsTheTurnAgain() throws Exception {
        String id = newSession();
        Flow.Publisher<ChatEvent> turn = async.stream(id, TestClients.turn("bench:3"));
        for (int round = 0; round < 2; round++) {
            RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
            turn.subscribe(events);
            events.request(Long.MAX_VALUE);
            events.awaitCompletion();
            assertEquals(5, events.received().size());
        }
        assertEquals(2, async.summary(id).join().jobMetadata().orElseThrow().turns().getAsLong());
    }

    @Test
    void aStreamThatEndsBeforeStopFailsWithTheTypedException() throws Exception {
        String id = newSession();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(4)), Endpoint.STREAM, 1);
        RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
        async.stream(id, TestClients.turn("bench:10")).subscribe(events);
        events.request(Long.MAX_VALUE);
        StreamEndedBeforeStopException error = assertInstanceOf(StreamEndedBeforeStopException.class, events.awaitError());
        assertEquals(4, error.eventsReceived());
        assertEquals(Optional.of("text_delta"), error.lastEventType());
        assertEquals(4, events.received().size());
    }

    @Test
    void aMalformedEventFailsWithItsPosition() throws Exception {
        String id = newSession();
        server.enqueue(ScriptedResponse.serve().withFrameAfter(2, SseFrames.frame(null, "{\"type\":\"text_delta\",")), Endpoint.STREAM, 1);
        RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
        async.stream(id, TestClients.turn("bench:10")).subscribe(events);
        events.request(Long.MAX_VALUE);
        MalformedEventException error = assertInstanceOf(MalformedEventException.class, events.awaitError());
        assertEquals(3, error.position());
        assertEquals("{\"type\":\"text_delta\",", error.rawData());
        assertEquals(2, events.received().size());
    }

    @Test
    void aTurnOnOtherIndexesThanTheSessionsIsAConflict() throws Exception {
        String id = newSession("idx-demo");
        RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
        async.stream(id, TestClients.turn("hello", "idx-handbook")).subscribe(events);
        ConflictException error = assertInstanceOf(ConflictException.class, events.awaitError());
        assertEquals(409, error.status());
    }

    @Test
    void checksArgumentsBeforeAnyRequest() {
        server.clearRequests();
        assertThrows(IllegalArgumentException.class, () -> async.stream(" ", TestClients.turn("hi")));
        assertThrows(NullPointerException.class, () -> async.stream("s", null));
        assertEquals(List.of(), server.getRequests());
    }
}

package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatEvent;
import dev.llamachat.java.internal.CoroutineBridge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kotlin.Unit;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.flow.FlowKt;
import org.junit.jupiter.api.Test;

/**
 * The blocking EventStream's collection runs on the reader's thread while it waits for events, and elsewhere once
 * nobody will: a stream opened on one thread and read on another, a turn longer than the stream's buffer, and
 * closes that come while the reader is between events, with the server still sending (the collection then has
 * work queued for a reader who is not coming back).
 */
class ReaderThreadStreamTest extends LoopbackTest {
    /** Far more events than the buffer holds: the server is still sending when the tests below close. */
    private static final String LONG_TURN = "bench:100000";

    @Test
    void aStreamOpenedOnOneThreadIsReadOnAnother() throws Exception {
        String id = client.create().sessionId();
        EventStream stream = client.stream(id, TestClients.turn("bench:2000"));
        CompletableFuture<List<ChatEvent>> read = CompletableFuture.supplyAsync(() -> {
            List<ChatEvent> events = new ArrayList<>();
            try (stream) {
                for (ChatEvent event : stream) events.add(event);
            }
            return events;
        });
        List<ChatEvent> events = read.get(30, TimeUnit.SECONDS);
        assertEquals(2002, events.size());
        assertInstanceOf(ChatEvent.Text.class, events.get(2000));
        assertInstanceOf(ChatEvent.Stop.class, events.get(2001));
    }

    @Test
    void closingAStreamBetweenEventsClosesItsConnection() {
        String id = client.create().sessionId();
        EventStream stream = client.stream(id, TestClients.turn(LONG_TURN));
        Iterator<ChatEvent> events = stream.iterator();
        for (int i = 0; i < 10; i++) assertInstanceOf(ChatEvent.TextDelta.class, events.next());

        stream.close();

        assertTrue(server.awaitIdle(TestClients.IDLE), "close() closed the connection");
        assertFalse(events.hasNext(), "the iteration ends after close");
    }

    @Test
    void closingTheClientEndsAStreamNobodyIsReading() {
        LlamaCloudChatClient own = TestClients.client(server);
        String id = own.create().sessionId();
        EventStream stream = own.stream(id, TestClients.turn(LONG_TURN));
        Iterator<ChatEvent> events = stream.iterator();
        assertInstanceOf(ChatEvent.TextDelta.class, events.next());

        own.close();

        assertTrue(server.awaitIdle(TestClients.IDLE), "the client's close closed the connection");
        assertThrows(CancellationException.class, () -> events.forEachRemaining(e -> { }),
            "the buffered events, then the close's cancellation");
        stream.close();
    }

    /**
     * A reader that took an event and then closed the stream never waits again, so the collection's next step (the
     * room its taken event made in the full buffer) is not the reader's to run: it unwinds on another thread. Fed
     * by an in-memory flow, longer than the buffer, that records its completion.
     */
    @Test
    void aClosedStreamUnwindsWithoutItsReader() throws Exception {
        List<ChatEvent> moreThanTheBuffer = Collections.nCopies(CoroutineBridge.EVENT_BUFFER * 4, new ChatEvent.TextDelta("token"));
        CountDownLatch unwound = new CountDownLatch(1);
        CoroutineBridge bridge = new CoroutineBridge(Dispatchers.getIO());
        try {
            EventStream stream = bridge.eventStream(FlowKt.onCompletion(FlowKt.asFlow(moreThanTheBuffer), (collector, cause, continuation) -> {
                unwound.countDown();
                return Unit.INSTANCE;
            }));
            stream.iterator().next(); // the buffer was full: the collection may go on, once someone runs it
            stream.close();
            assertTrue(unwound.await(10, TimeUnit.SECONDS), "the collection unwound after close()");
        } finally {
            bridge.close();
        }
    }
}

package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatEvent;
import dev.llamachat.NotFoundException;
import dev.llamachat.StreamEndedBeforeStopException;
import dev.llamachat.java.internal.CoroutineBridge;
import dev.llamachat.testkit.RecordedRequest;
import dev.llamachat.testkit.ScriptedResponse;
import dev.llamachat.testkit.SocketPolicy;
import dev.llamachat.testkit.Endpoint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.flow.FlowKt;
import org.junit.jupiter.api.Test;

/** The blocking, closeable EventStream: iteration, Stream, early close, typed errors, interruption, bounded demand. */
class EventStreamTest extends LoopbackTest {
    private String newSession() {
        return client.create().sessionId();
    }

    @Test
    void iteratesAWholeTurnInOrder() {
        String id = newSession();
        List<ChatEvent> events = new ArrayList<>();
        try (EventStream stream = client.stream(id, TestClients.turn("bench:50"))) {
            for (ChatEvent event : stream) events.add(event);
        }
        assertEquals(52, events.size());
        String joined = events.stream()
            .filter(e -> e instanceof ChatEvent.TextDelta)
            .map(e -> ((ChatEvent.TextDelta) e).content())
            .collect(Collectors.joining());
        assertEquals(((ChatEvent.Text) events.get(50)).content(), joined);
        assertInstanceOf(ChatEvent.Stop.class, events.get(51));
    }

    @Test
    void readsAsAJavaStream() {
        String id = newSession();
        try (EventStream stream = client.stream(id, TestClients.turn("What were the main findings in Q3?", "idx-demo"))) {
            String answer = stream.stream()
                .filter(e -> e instanceof ChatEvent.TextDelta)
                .map(e -> ((ChatEvent.TextDelta) e).content())
                .collect(Collectors.joining());
            assertTrue(answer.contains("Q3"), answer);
        }
    }

    @Test
    void closingEarlyClosesTheConnection() {
        String id = newSession();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(5)), Endpoint.STREAM, 1);
        EventStream stream = client.stream(id, TestClients.turn("bench:20"));
        Iterator<ChatEvent> events = stream.iterator();
        for (int i = 0; i < 5; i++) assertInstanceOf(ChatEvent.TextDelta.class, events.next());
        assertEquals(1, server.getOpenStreams());

        stream.close();

        assertTrue(server.awaitIdle(TestClients.IDLE), "close() closed the connection");
        assertFalse(events.hasNext(), "the iteration ends after close");
        stream.close(); // idempotent
    }

    /**
     * Closed right at its stop, the stream lets the response end instead of cutting the call: testkit ends a turn
     * before it writes the end of its response, so the turn has ended when close() returns, and the next turn on the
     * session starts at once (a cut could leave it running there: 409).
     */
    @Test
    void closingAtTheStopLetsTheTurnEnd() {
        String id = newSession();
        for (int turn = 0; turn < 5; turn++) {
            try (EventStream stream = client.stream(id, TestClients.turn("bench:3"))) {
                assertTrue(stream.stream().anyMatch(e -> e instanceof ChatEvent.Stop));
            }
            assertEquals(0, server.getRunningTurns(), "turn " + turn + " still runs on the server");
        }
    }

    @Test
    void closingTheJavaStreamClosesTheEventStream() {
        String id = newSession();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(3)), Endpoint.STREAM, 1);
        EventStream stream = client.stream(id, TestClients.turn("bench:20"));
        try (java.util.stream.Stream<ChatEvent> events = stream.stream()) {
            assertEquals(2, events.limit(2).count());
        }
        assertTrue(server.awaitIdle(TestClients.IDLE));
    }

    @Test
    void throwsTheTypedExceptionItselfWhenTheCallFails() {
        try (EventStream stream = client.stream("no-such-session", TestClients.turn("hi"))) {
            Iterator<ChatEvent> events = stream.iterator();
            NotFoundException error = assertThrows(NotFoundException.class, events::hasNext);
            assertSame(error, assertThrows(NotFoundException.class, events::next), "the failure is not forgotten");
        }
    }

    @Test
    void throwsTheTypedExceptionAfterTheEventsThatArrived() {
        String id = newSession();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(3)), Endpoint.STREAM, 1);
        List<ChatEvent> seen = new ArrayList<>();
        try (EventStream stream = client.stream(id, TestClients.turn("bench:10"))) {
            StreamEndedBeforeStopException error =
                assertThrows(StreamEndedBeforeStopException.class, () -> stream.forEach(seen::add));
            assertEquals(3, error.eventsReceived());
        }
        assertEquals(3, seen.size());
    }

    @Test
    void isReadOnce() {
        String id = newSession();
        try (EventStream stream = client.stream(id, TestClients.turn("bench:1"))) {
            stream.iterator();
            assertThrows(IllegalStateException.class, stream::iterator);
            assertThrows(IllegalStateException.class, stream::stream);
        }
    }

    @Test
    void interruptingABlockedReaderClosesTheStream() throws Exception {
        String id = newSession();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM, 1);
        EventStream stream = client.stream(id, TestClients.turn("bench:20"));
        CountDownLatch firstEvent = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            Iterator<ChatEvent> events = stream.iterator();
            events.next();
            firstEvent.countDown();
            try {
                events.next(); // blocks: the server stalls after one event
            } catch (Throwable t) {
                thrown.set(t);
                interruptFlag.set(Thread.currentThread().isInterrupted());
            }
        });
        reader.start();
        assertTrue(firstEvent.await(10, TimeUnit.SECONDS));
        reader.interrupt();
        reader.join(10_000);
        assertInstanceOf(CancellationException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, thrown.get().getCause());
        assertEquals(Boolean.TRUE, interruptFlag.get(), "the interrupt flag is set again");
        assertTrue(server.awaitIdle(TestClients.IDLE), "interruption closed the connection");
    }

    /**
     * The close comes once the server has the turn (its request recorded): a connection closed before the server's
     * engine started the call is not reported to it (Ktor CIO), and the stalled turn would stay open there.
     */
    @Test
    void closingFromAnotherThreadWakesABlockedReader() throws Exception {
        String id = newSession();
        server.clearRequests();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(0)), Endpoint.STREAM, 1);
        EventStream stream = client.stream(id, TestClients.turn("bench:20"));
        CompletableFuture<Boolean> hasNext = CompletableFuture.supplyAsync(() -> stream.iterator().hasNext());
        RecordedRequest turn = server.takeRequest(TestClients.IDLE);
        assertEquals(Endpoint.STREAM, turn == null ? null : turn.getEndpoint());
        stream.close();
        assertFalse(hasNext.get(10, TimeUnit.SECONDS));
    }

    /**
     * A slow reader slows the read: the turn is collected into a bounded buffer, and the collection waits while the
     * buffer is full, so it never runs more than the buffer ahead of the reader. Fed by an endless flow that counts
     * what was taken from it.
     */
    @Test
    void neverRunsMoreThanTheBufferAheadOfTheReader() throws Exception {
        AtomicLong produced = new AtomicLong();
        Iterable<ChatEvent> endless = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public ChatEvent next() {
                return new ChatEvent.TextDelta("token " + produced.incrementAndGet());
            }
        };
        CoroutineBridge bridge = new CoroutineBridge(Dispatchers.getIO());
        long bound = CoroutineBridge.EVENT_BUFFER + 2; // the buffer, one event in the producer's hand, one in flight
        try (EventStream stream = bridge.eventStream(FlowKt.asFlow(endless))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (produced.get() < CoroutineBridge.EVENT_BUFFER && System.nanoTime() < deadline) Thread.sleep(1);
            assertTrue(produced.get() >= CoroutineBridge.EVENT_BUFFER, "the producer fills the buffer ahead of the reader");
            Iterator<ChatEvent> events = stream.iterator();
            for (long taken = 1; taken <= 5_000; taken++) {
                events.next();
                long ahead = produced.get() - taken;
                assertTrue(ahead <= bound, ahead + " events produced ahead of the reader after " + taken);
            }
        } finally {
            bridge.close();
        }
    }
}

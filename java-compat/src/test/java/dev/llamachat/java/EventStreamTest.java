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
import dev.llamachat.java.internal.BlockingEventStream;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.ScriptedResponse;
import dev.llamachat.testkit.SocketPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blocking, closeable EventStream: iteration, Stream, early close, typed errors, interruption, bounded demand. */
class EventStreamTest {
    private static LocalLlamaCloud server;
    private static LlamaCloudChatAsync chat;

    @BeforeAll
    static void start() {
        server = LocalLlamaCloud.start();
        chat = TestClients.client(server);
    }

    @AfterAll
    static void stop() {
        chat.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.clearQueue();
    }

    @AfterEach
    void leavesNothingOpen() {
        assertTrue(server.awaitIdle(TestClients.IDLE), "a stream was left open");
    }

    private String newSession() {
        return chat.create().join().sessionId();
    }

    @Test
    void iteratesAWholeTurnInOrder() {
        String id = newSession();
        List<ChatEvent> events = new ArrayList<>();
        try (EventStream stream = chat.streamBlocking(id, TestClients.turn("bench:50"))) {
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
        try (EventStream stream = chat.streamBlocking(id, TestClients.turn("What were the main findings in Q3?", "idx-demo"))) {
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
        EventStream stream = chat.streamBlocking(id, TestClients.turn("bench:20"));
        Iterator<ChatEvent> events = stream.iterator();
        for (int i = 0; i < 5; i++) assertInstanceOf(ChatEvent.TextDelta.class, events.next());
        assertEquals(1, server.getOpenStreams());

        stream.close();

        assertTrue(server.awaitIdle(TestClients.IDLE), "close() closed the connection");
        assertFalse(events.hasNext(), "the iteration ends after close");
        stream.close(); // idempotent
    }

    @Test
    void closingTheJavaStreamClosesTheEventStream() {
        String id = newSession();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(3)), Endpoint.STREAM, 1);
        EventStream stream = chat.streamBlocking(id, TestClients.turn("bench:20"));
        try (java.util.stream.Stream<ChatEvent> events = stream.stream()) {
            assertEquals(2, events.limit(2).count());
        }
        assertTrue(server.awaitIdle(TestClients.IDLE));
    }

    @Test
    void throwsTheTypedExceptionItselfWhenTheCallFails() {
        try (EventStream stream = chat.streamBlocking("no-such-session", TestClients.turn("hi"))) {
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
        try (EventStream stream = chat.streamBlocking(id, TestClients.turn("bench:10"))) {
            StreamEndedBeforeStopException error =
                assertThrows(StreamEndedBeforeStopException.class, () -> stream.forEach(seen::add));
            assertEquals(3, error.getEventsReceived());
        }
        assertEquals(3, seen.size());
    }

    @Test
    void isReadOnce() {
        String id = newSession();
        try (EventStream stream = chat.streamBlocking(id, TestClients.turn("bench:1"))) {
            stream.iterator();
            assertThrows(IllegalStateException.class, stream::iterator);
            assertThrows(IllegalStateException.class, stream::stream);
        }
    }

    @Test
    void interruptingABlockedReaderClosesTheStream() throws Exception {
        String id = newSession();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM, 1);
        EventStream stream = chat.streamBlocking(id, TestClients.turn("bench:20"));
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

    @Test
    void closingFromAnotherThreadWakesABlockedReader() throws Exception {
        String id = newSession();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(0)), Endpoint.STREAM, 1);
        EventStream stream = chat.streamBlocking(id, TestClients.turn("bench:20"));
        CompletableFuture<Boolean> hasNext = CompletableFuture.supplyAsync(() -> stream.iterator().hasNext());
        stream.close();
        assertFalse(hasNext.get(10, TimeUnit.SECONDS));
    }

    /**
     * A slow reader slows the read: the stream asks its publisher for a bounded batch and for more only as the
     * reader takes events, so no more than the batch is ever outstanding.
     */
    @Test
    void neverRequestsMoreThanABoundedBatchAheadOfTheReader() {
        int prefetch = 8;
        DemandRecordingPublisher publisher = new DemandRecordingPublisher();
        try (EventStream stream = new BlockingEventStream(publisher, prefetch)) {
            assertEquals(prefetch, publisher.requested.get(), "the first batch");
            Iterator<ChatEvent> events = stream.iterator();
            for (int taken = 1; taken <= 100; taken++) {
                publisher.emitUpToDemand();
                events.next();
                long outstanding = publisher.requested.get() - taken;
                assertTrue(outstanding <= prefetch, "outstanding demand " + outstanding + " after " + taken + " events");
                assertTrue(outstanding > 0, "the reader is never starved");
            }
            assertFalse(publisher.cancelled);
        }
        assertTrue(publisher.cancelled, "close() cancels the subscription");
    }

    /** Emits a text delta for each unit of demand, on the test thread, when told to. */
    private static final class DemandRecordingPublisher implements Flow.Publisher<ChatEvent> {
        final AtomicLong requested = new AtomicLong();
        final List<Long> requests = new CopyOnWriteArrayList<>();
        volatile boolean cancelled;
        private Flow.Subscriber<? super ChatEvent> subscriber;
        private long emitted;

        @Override
        public void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
            this.subscriber = subscriber;
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    requests.add(n);
                    requested.addAndGet(n);
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }

        void emitUpToDemand() {
            while (emitted < requested.get()) subscriber.onNext(new ChatEvent.TextDelta("token " + emitted++));
        }
    }
}

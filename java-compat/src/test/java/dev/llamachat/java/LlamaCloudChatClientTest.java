package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llamachat.ChatEvent;
import dev.llamachat.ChatTurn;
import dev.llamachat.ConflictException;
import dev.llamachat.NotFoundException;
import dev.llamachat.Page;
import dev.llamachat.Session;
import dev.llamachat.SessionSummary;
import dev.llamachat.UnauthorizedException;
import dev.llamachat.testkit.ScriptedResponse;
import dev.llamachat.testkit.SocketPolicy;
import dev.llamachat.testkit.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The blocking client over loopback HTTP: every call returns its value, a failure is thrown as the typed exception
 * itself (caught with a plain {@code catch}), interruption cancels the call, and the client shares everything with
 * its asynchronous twin.
 */
class LlamaCloudChatClientTest extends LoopbackTest {
    @Test
    void everyCallReturnsItsValue() {
        String project = UUID.randomUUID().toString();
        RequestScope scope = RequestScope.builder().projectId(project).build();
        SessionSummary created = client.create(CreateSessionParams.builder().addIndexId("idx-demo").projectId(project).build());
        String id = created.sessionId();
        assertEquals(Optional.of(List.of("idx-demo")), created.indexIds());

        StreamParams q3 = StreamParams.builder().prompt("What were the main findings in Q3?").addIndexId("idx-demo")
            .projectId(project).build();
        List<ChatEvent> streamed = new ArrayList<>();
        try (EventStream events = client.stream(id, q3)) {
            for (ChatEvent event : events) streamed.add(event);
        }
        assertInstanceOf(ChatEvent.Stop.class, streamed.get(streamed.size() - 1));

        ChatTurn turn = client.ask(id, q3.toBuilder().prompt("And in Q4?").build());
        assertTrue(turn.text().contains("Q4"), turn.text());

        assertEquals(2L, client.summary(id, scope).jobMetadata().orElseThrow().turns().getAsLong());
        Session history = client.retrieve(id, scope);
        assertEquals(id, history.sessionId());
        assertInstanceOf(ChatEvent.UserInput.class, history.events().get(0));
        assertEquals("Q3 findings...",
            client.generateTitle(id, TitleParams.builder().firstMessage("Q3 findings").projectId(project).build())
                .generatedTitle().orElseThrow());

        Page<SessionSummary> page = client.listPage(ListParams.builder().projectId(project).build());
        assertEquals(List.of(id), ids(page.items()));
        List<String> all = new ArrayList<>();
        for (SessionSummary s : client.listAll(ListParams.builder().projectId(project).build())) all.add(s.sessionId());
        assertEquals(List.of(id), all);

        client.delete(id, scope);
        assertEquals(0, server.sessionCount(project));
    }

    @Test
    void theNoArgumentFormsUseTheDefaultProject() {
        SessionSummary unbound = client.create();
        assertEquals(Optional.empty(), unbound.indexIds());
        assertEquals(unbound.sessionId(), client.summary(unbound.sessionId()).sessionId());
        assertEquals(unbound.sessionId(), client.retrieve(unbound.sessionId()).sessionId());
        assertTrue(client.listPage().items().stream().anyMatch(s -> s.sessionId().equals(unbound.sessionId())));
        assertTrue(client.listAll().stream().anyMatch(s -> s.sessionId().equals(unbound.sessionId())));
        client.delete(unbound.sessionId());
    }

    @Test
    void aFailureIsThrownAsTheTypedExceptionItself() {
        try {
            client.retrieve("no-such-session");
            fail("retrieve of an unknown session returned");
        } catch (NotFoundException e) {
            assertEquals(404, e.status());
            assertTrue(e.detail().isPresent());
            // The failure happened on an I/O thread; the caller's stack rides along as a suppressed exception.
            assertEquals(1, e.getSuppressed().length);
            assertTrue(Arrays.stream(e.getSuppressed()[0].getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("aFailureIsThrownAsTheTypedExceptionItself")));
        }
        assertThrows(NotFoundException.class, () -> client.summary("no-such-session"));
        assertThrows(NotFoundException.class, () -> client.delete("no-such-session"));
        assertThrows(NotFoundException.class, () -> client.ask("no-such-session", TestClients.turn("hi")));
        try (LlamaCloudChatClient wrong = TestClients.builder(server).apiKey("sk-wrong-secret").build()) {
            UnauthorizedException e = assertThrows(UnauthorizedException.class, wrong::create);
            assertFalse(e.getMessage().contains("sk-wrong-secret"));
        }
    }

    @Test
    void aSecondTurnOnABusySessionIsAConflict() {
        String id = client.create().sessionId();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM, 1);
        try (EventStream first = client.stream(id, TestClients.turn("bench:5"))) {
            first.iterator().next();
            ConflictException e = assertThrows(ConflictException.class, () -> client.ask(id, TestClients.turn("bench:5")));
            assertEquals(409, e.status());
        }
    }

    @Test
    void askWithACallbackCallsItOnTheCallersThread() {
        String id = client.create().sessionId();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<ChatEvent> seen = new ArrayList<>();
        ChatTurn turn = client.ask(id, TestClients.turn("bench:30"), event -> {
            threads.add(Thread.currentThread());
            seen.add(event);
        });
        assertEquals(Set.of(Thread.currentThread()), threads);
        assertEquals(32, seen.size());
        assertEquals(32, turn.eventCount());
    }

    @Test
    void aThrowingCallbackStopsTheTurnAndIsThrown() {
        String id = client.create().sessionId();
        IllegalStateException boom = new IllegalStateException("callback failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
            () -> client.ask(id, TestClients.turn("bench:30"), event -> {
                throw boom;
            }));
        assertSame(boom, thrown);
        assertTrue(server.awaitIdle(TestClients.IDLE), "the turn was stopped");
    }

    @Test
    void interruptingABlockedCallCancelsItsRequest() throws Exception {
        String id = client.create().sessionId();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM, 1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                client.ask(id, TestClients.turn("bench:20"), event -> started.countDown()); // blocks: the server stalls
            } catch (Throwable t) {
                thrown.set(t);
                interruptFlag.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertEquals(1, server.getOpenStreams());
        caller.interrupt();
        caller.join(10_000);
        assertInstanceOf(CancellationException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, thrown.get().getCause());
        assertEquals(Boolean.TRUE, interruptFlag.get(), "the interrupt flag is set again");
        assertTrue(server.awaitIdle(TestClients.IDLE), "interruption closed the connection");
    }

    @Test
    void interruptingAnOrdinaryCallCancelsIt() throws Exception {
        server.enqueue(ScriptedResponse.serve().withHeadDelay(Duration.ofSeconds(30)), Endpoint.SUMMARY, 1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                client.summary("any");
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (TestClients.count(server, Endpoint.SUMMARY) == 0 && System.nanoTime() < deadline) Thread.sleep(5);
        caller.interrupt();
        caller.join(10_000);
        assertFalse(caller.isAlive());
        assertInstanceOf(CancellationException.class, thrown.get());
    }

    @Test
    void sessionHandlesBlockToo() {
        ChatSessionClient session = client.startSession(CreateSessionParams.builder().addIndexId("idx-demo").build());
        assertEquals(Optional.of(List.of("idx-demo")), session.indexIds());
        assertTrue(session.ask("What were the main findings in Q3?").text().contains("Q3"));
        try (EventStream events = session.stream("And in Q4?")) {
            assertTrue(events.stream().anyMatch(e -> e instanceof ChatEvent.Stop));
        }
        // Closed at its stop, the stream let the response end: the service ended the turn, the next one may start.
        List<ChatEvent> seen = new ArrayList<>();
        session.ask("bench:2", seen::add);
        assertEquals(4, seen.size());
        assertEquals(session.sessionId(), session.history().sessionId());
        assertEquals(3L, session.summary().jobMetadata().orElseThrow().turns().getAsLong());
        assertEquals("Q3...", session.generateTitle("Q3").generatedTitle().orElseThrow());
        assertEquals(session.sessionId(), session.async().summary().join().sessionId(), "the async twin");

        ChatSessionClient unbound = client.session(client.create().sessionId());
        assertEquals(Optional.empty(), unbound.indexIds());
        unbound.stream("bench:1", List.of("idx-handbook")).close();
        ChatSessionClient fromSummary = client.session(client.summary(unbound.sessionId()));
        assertEquals(unbound.sessionId(), fromSummary.sessionId());

        session.delete();
        assertThrows(NotFoundException.class, session::summary);
        assertThrows(IllegalArgumentException.class, () -> session.ask(" "));
    }

    @Test
    void aHandleFromAnIdAloneLearnsTheSessionsIndexes() {
        String id = client.create(CreateSessionParams.builder().addIndexId("idx-handbook").build()).sessionId();
        ChatSessionClient handle = client.session(id);           // told nothing about the session's indexes
        server.clearRequests();
        handle.ask("What does the handbook say about leave?");    // a bound session refuses any other index set (409)
        List<String> bodies = new ArrayList<>();
        server.getRequests().forEach(r -> bodies.add(r.getMethod() + " " + r.getPath() + " " + r.getBody()));
        assertEquals(2, bodies.size(), bodies.toString());        // one summary to learn them, then the turn
        assertTrue(bodies.get(0).startsWith("GET /api/v1/chat/" + id), bodies.toString());
        assertTrue(bodies.get(1).contains("\"index_ids\":[\"idx-handbook\"]"), bodies.toString());
        assertEquals(Optional.of(List.of("idx-handbook")), handle.indexIds());
    }

    @Test
    void theTwinsShareOneClientAndCloseOnce() {
        LlamaCloudChatClient blocking = TestClients.client(server);
        LlamaCloudChatClientAsync async = blocking.async();
        assertSame(blocking, async.sync());
        assertSame(async, blocking.async());
        String id = async.create().join().sessionId();
        assertEquals(id, blocking.summary(id).sessionId());

        async.close();

        assertEquals("The client is closed", assertThrows(IllegalStateException.class, blocking::create).getMessage());
        assertThrows(IllegalStateException.class, () -> async.create());
        blocking.close(); // idempotent, and the shared HTTP client is not closed twice
    }

    @Test
    void closingCancelsABlockedReader() throws Exception {
        LlamaCloudChatClient own = TestClients.client(server);
        String id = own.create().sessionId();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM, 1);
        EventStream events = own.stream(id, TestClients.turn("bench:20"));
        Iterator<ChatEvent> iterator = events.iterator();
        iterator.next();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                iterator.forEachRemaining(e -> { });
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        reader.start();
        own.close();
        reader.join(10_000);
        assertInstanceOf(CancellationException.class, thrown.get());
    }

    private static List<String> ids(List<SessionSummary> sessions) {
        List<String> ids = new ArrayList<>();
        for (SessionSummary s : sessions) ids.add(s.sessionId());
        return ids;
    }
}

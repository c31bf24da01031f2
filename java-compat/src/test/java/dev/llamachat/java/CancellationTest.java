package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatEvent;
import dev.llamachat.ChatTurn;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.ScriptedResponse;
import dev.llamachat.testkit.SocketPolicy;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** cancel(true) on a future cancels its call; close() cancels everything still running and refuses new calls. */
class CancellationTest extends LoopbackTest {
    @Test
    void cancellingAnAskFutureClosesItsStream() throws Exception {
        try (LlamaCloudChatClientAsync chat = TestClients.asyncClient(server)) {
            String id = chat.create().join().sessionId();
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(2)), Endpoint.STREAM, 1);
            CountDownLatch twoEvents = new CountDownLatch(2);
            CompletableFuture<ChatTurn> turn = chat.ask(id, TestClients.turn("bench:20"), event -> twoEvents.countDown());
            assertTrue(twoEvents.await(10, TimeUnit.SECONDS));
            assertEquals(1, server.getOpenStreams());

            assertTrue(turn.cancel(true));

            assertTrue(turn.isCancelled());
            assertThrows(CancellationException.class, turn::join);
            assertTrue(server.awaitIdle(TestClients.IDLE), "the turn's connection was closed");
        }
    }

    @Test
    void closeCancelsCallsAndStreamsInFlight() throws Exception {
        LlamaCloudChatClientAsync chat = TestClients.asyncClient(server);
        String first = chat.create().join().sessionId();
        String second = chat.create().join().sessionId();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM, 2);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<ChatTurn> turn = chat.ask(first, TestClients.turn("bench:20"), event -> started.countDown());
        RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
        chat.stream(second, TestClients.turn("bench:20")).subscribe(events);
        events.request(Long.MAX_VALUE);
        events.awaitItem();
        assertTrue(started.await(10, TimeUnit.SECONDS));

        chat.close();

        assertThrows(CancellationException.class, turn::join);
        assertInstanceOf(CancellationException.class, events.awaitError());
        assertTrue(server.awaitIdle(TestClients.IDLE), "close() closed every stream");
        chat.close(); // idempotent
    }

    @Test
    void aClosedClientRefusesNewCalls() {
        LlamaCloudChatClientAsync chat = TestClients.asyncClient(server);
        chat.close();
        assertEquals("The client is closed", assertThrows(IllegalStateException.class, chat::create).getMessage());
        assertThrows(IllegalStateException.class, () -> chat.stream("s", TestClients.turn("hi")));
        assertThrows(IllegalStateException.class, () -> chat.sync().stream("s", TestClients.turn("hi")));
        assertThrows(IllegalStateException.class, () -> chat.sync().listAll().iterator().hasNext());
    }
}

package dev.llamachat.java;

import dev.llamachat.ChatEvent;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.Fault;
import dev.llamachat.testkit.LocalLlamaCloud;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.BeforeMethod;

/**
 * The Reactive Streams TCK (for java.util.concurrent.Flow) on a chat turn's publisher, {@code chat.stream(...)},
 * backed by testkit over loopback HTTP. Runs under TestNG through the JUnit Platform.
 *
 * <p>A publisher of {@code n >= 2} events is a {@code bench:<n-2>} turn (n-2 text deltas, text, stop). A turn
 * always ends with its stop event, so it cannot be empty: for {@code n <= 1} the turn is cut to its stop by
 * testkit's {@code ErrorStop} fault, which leaves the empty-stream test (optional 1.05) unmet. One publisher is one
 * session, and the service refuses a second concurrent turn on a session (409), so the optional multi-subscriber
 * tests (1.11) are unmet too. The failing publisher is a turn on a session that does not exist (404).
 */
public class ChatEventPublisherTckTest extends FlowPublisherVerification<ChatEvent> {
    /** The largest bench turn testkit serves, plus its text and stop. */
    private static final long MAX_EVENTS = 50_000_000L + 2;

    private LocalLlamaCloud server;
    private LlamaCloudChatAsync chat;

    public ChatEventPublisherTckTest() {
        super(new TestEnvironment(2_000, 200, 20), 1_000);
    }

    @BeforeClass
    public void startServer() {
        server = LocalLlamaCloud.start();
        chat = TestClients.client(server);
    }

    @AfterClass
    public void stopServer() {
        chat.close();
        server.close();
    }

    @BeforeMethod
    public void clearFaults() {
        server.clearFaults();
    }

    @Override
    public Flow.Publisher<ChatEvent> createFlowPublisher(long elements) {
        String sessionId = chat.create().join().getSessionId();
        if (elements >= 2) return chat.stream(sessionId, TestClients.turn("bench:" + (elements - 2)));
        server.enqueue(new Fault.ErrorStop(0, "cut to its stop event for the TCK"), Endpoint.STREAM, 1);
        return chat.stream(sessionId, TestClients.turn("bench:5"));
    }

    @Override
    public Flow.Publisher<ChatEvent> createFailedFlowPublisher() {
        return chat.stream("no-such-session", TestClients.turn("hello"));
    }

    @Override
    public long maxElementsFromPublisher() {
        return MAX_EVENTS;
    }
}

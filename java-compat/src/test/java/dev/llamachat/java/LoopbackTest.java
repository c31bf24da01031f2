package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.junit5.LocalLlamaCloudExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What most Java tests share: one testkit server for the whole test class, started and closed by testkit's JUnit 5
 * extension (it accepts only {@link TestClients#KEY}); a blocking client aimed at it and its asynchronous twin; an
 * empty script and request log before each test; and, after each, the check that no stream was left open.
 */
abstract class LoopbackTest {
    @RegisterExtension
    static final LocalLlamaCloudExtension CLOUD = new LocalLlamaCloudExtension(LocalLlamaCloud.builder().apiKey(TestClients.KEY));

    static LocalLlamaCloud server;
    static LlamaCloudChatClient client;
    static LlamaCloudChatClientAsync async;

    @BeforeAll
    static void startClients(LocalLlamaCloud classServer) {
        server = classServer;
        client = TestClients.client(server);
        async = client.async();
    }

    @AfterAll
    static void closeClients() {
        client.close();
    }

    @BeforeEach
    void resetServer() {
        server.clearQueue();
        server.clearRequests();
    }

    @AfterEach
    void leavesNoStreamOpen() {
        assertTrue(server.awaitIdle(TestClients.IDLE), "a stream was left open");
    }
}

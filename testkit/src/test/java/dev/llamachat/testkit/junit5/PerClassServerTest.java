package dev.llamachat.testkit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llamachat.testkit.LocalLlamaCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server with options, started once for the class by @BeforeAll and shared by every test. */
class PerClassServerTest {
    @RegisterExtension
    static final LocalLlamaCloudExtension CLOUD = new LocalLlamaCloudExtension(LocalLlamaCloud.builder().apiKey("class-key"));

    private static LocalLlamaCloud shared;

    @BeforeAll
    static void start(LocalLlamaCloud server) {
        shared = server;
    }

    @Test
    void theTestGetsTheClassServer(LocalLlamaCloud server) throws Exception {
        assertSame(shared, server);
        assertEquals("class-key", server.getApiKey());
        assertEquals(401, PerTestServerTest.list(server));
    }

    @Test
    void soDoesTheNextOne(LocalLlamaCloud server) {
        assertSame(shared, server);
    }
}

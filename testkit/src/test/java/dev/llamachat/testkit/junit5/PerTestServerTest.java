package dev.llamachat.testkit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.LocalLlamaCloud;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** A fresh server per test, injected into @BeforeEach and the test alike, and closed after the test. */
@ExtendWith(LocalLlamaCloudExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerTestServerTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static LocalLlamaCloud previous;
    private LocalLlamaCloud fromBeforeEach;

    @BeforeEach
    void remember(LocalLlamaCloud server) {
        fromBeforeEach = server;
    }

    static int list(LocalLlamaCloud server) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/v1/chat"))).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    @Order(1)
    void servesTheTest(LocalLlamaCloud server) throws Exception {
        assertSame(fromBeforeEach, server);
        assertEquals(200, list(server));
        assertEquals(Endpoint.LIST, server.takeRequest(Duration.ofSeconds(5)).getEndpoint());
        previous = server;
    }

    @Test
    @Order(2)
    void getsAFreshServerAndTheLastOneIsClosed(LocalLlamaCloud server) throws Exception {
        assertNotSame(previous, server);
        assertNull(server.takeRequest(Duration.ZERO));
        assertThrows(ConnectException.class, () -> list(previous));
    }

    @AfterAll
    static void forget() {
        previous = null;
    }
}

package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.llamachat.SessionSummary;
import dev.llamachat.UnexpectedResponseException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server whose page tokens cycle (first page -> A -> B -> A) makes both Java listings stop with
 * UnexpectedResponseException instead of listing forever: they walk with core's one pager, which refuses any token
 * it already used, not only the previous one. testkit always serves honest tokens, so this listing comes from a
 * JDK HTTP server on loopback.
 */
class PageTokenCycleTest {
    private static final Map<String, String> PAGES = Map.of(
        "", page("ses-1", "A"),
        "A", page("ses-2", "B"),
        "B", page("ses-3", "A"));

    private HttpServer server;
    private final List<String> tokensAsked = new CopyOnWriteArrayList<>();

    private static String page(String sessionId, String next) {
        return "{\"items\":[{\"session_id\":\"" + sessionId + "\",\"last_updated_at\":\"2026-04-22T12:34:41.342245\"}],"
            + "\"next_page_token\":\"" + next + "\"}";
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/chat", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String token = "";
            if (query != null) {
                for (String pair : query.split("&")) if (pair.startsWith("page_token=")) token = pair.substring("page_token=".length());
            }
            tokensAsked.add(token);
            byte[] body = PAGES.getOrDefault(token, "{\"items\":[]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void theBlockingListingStopsAtARepeatedToken() {
        try (LlamaCloudChatClient client = LlamaCloudChatClient.builder().apiKey(TestClients.KEY).baseUrl(baseUrl()).build()) {
            List<String> listed = new ArrayList<>();
            try {
                for (SessionSummary s : client.listAll()) listed.add(s.getSessionId());
                throw new AssertionError("the listing ended although its tokens cycle");
            } catch (UnexpectedResponseException e) {
                assertTrue(e.getMessage().contains("same page token"), e.getMessage());
            }
            assertEquals(List.of("ses-1", "ses-2"), listed);
            assertEquals(List.of("", "A", "B"), tokensAsked);
        }
    }

    @Test
    void thePublisherSignalsARepeatedTokenThroughOnError() throws Exception {
        try (LlamaCloudChatClientAsync client = LlamaCloudChatClientAsync.builder().apiKey(TestClients.KEY).baseUrl(baseUrl()).build()) {
            RecordingSubscriber<SessionSummary> subscriber = new RecordingSubscriber<>();
            client.listAll().subscribe(subscriber);
            subscriber.request(Long.MAX_VALUE);
            assertInstanceOf(UnexpectedResponseException.class, subscriber.awaitError());
            assertEquals(List.of("", "A", "B"), tokensAsked);
        }
    }
}

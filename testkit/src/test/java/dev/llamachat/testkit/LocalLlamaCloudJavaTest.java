package dev.llamachat.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LocalLlamaCloud as a Java test uses it: try-with-resources, overloads, faults and recorded requests. */
class LocalLlamaCloudJavaTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> send(LocalLlamaCloud server, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)))
            .header("Authorization", "Bearer java-key")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsServesAndCloses() throws Exception {
        try (LocalLlamaCloud server = LocalLlamaCloud.builder().apiKey("java-key").start()) {
            assertEquals("http://127.0.0.1:" + server.getPort(), server.getBaseUrl());
            assertEquals("java-key", server.getApiKey());
            HttpResponse<String> created = send(server, "POST", "/api/v1/chat", "{\"index_ids\":[\"" + LocalLlamaCloud.DEMO_INDEX + "\"]}");
            assertEquals(200, created.statusCode());
            assertEquals(1, server.sessionCount());
            String id = created.body().replaceAll(".*\"session_id\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> turn = send(server, "POST", "/api/v1/chat/" + id + "/messages/stream",
                "{\"prompt\":\"What were the main findings in Q3?\",\"index_ids\":[\"idx-demo\"]}");
            assertEquals(200, turn.statusCode());
            assertTrue(turn.body().endsWith("\n\n"));
            assertTrue(turn.body().contains("event: stop\n"));
            assertTrue(server.awaitIdle(Duration.ofSeconds(10)));
        }
    }

    @Test
    void armsFaultsWithJavaOverloadsAndRecordsRequests() throws Exception {
        try (LocalLlamaCloud server = LocalLlamaCloud.start()) {
            server.enqueue(ScriptedResponse.status(429).withHeader("Retry-After", "1"));
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(2)), Endpoint.STREAM);
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart()), Endpoint.DELETE, 2);
            server.enqueue(ScriptedResponse.serve().withHeadDelay(Duration.ofMillis(1)), Endpoint.SUMMARY);
            HttpResponse<String> limited = send(server, "GET", "/api/v1/chat", null);
            assertEquals(429, limited.statusCode());
            assertEquals("1", limited.headers().firstValue("retry-after").orElseThrow());
            server.clearQueue();
            assertEquals(200, send(server, "GET", "/api/v1/chat?page_size=5", null).statusCode());

            RecordedRequest first = server.takeRequest();
            assertNotNull(first);
            assertEquals(Endpoint.LIST, first.getEndpoint());
            assertEquals("Bearer java-key", first.header("authorization"));
            RecordedRequest second = server.takeRequest();
            assertNotNull(second);
            assertEquals("5", second.queryParameter("page_size"));
            assertNull(server.takeRequest(Duration.ZERO));
            assertEquals(2, server.getRequests().size());
        }
    }
}

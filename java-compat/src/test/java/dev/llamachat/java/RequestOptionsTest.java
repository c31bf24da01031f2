package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ApiException;
import dev.llamachat.ChatTurn;
import dev.llamachat.Page;
import dev.llamachat.SessionSummary;
import dev.llamachat.ktor.ApiResponse;
import dev.llamachat.ktor.RequestOptions;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.RecordedRequest;
import dev.llamachat.testkit.ScriptedResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Per-call options ({@code withOptions}) on both clients, and response metadata ({@code withRawResponse}). */
class RequestOptionsTest extends LoopbackTest {
    private static RequestOptions traced() {
        return new RequestOptions().header("traceparent", "00-trace-01").queryParameter("debug", "on")
            .timeout(Duration.ofSeconds(30));
    }

    @Test
    void aDerivedBlockingClientSendsItsOptionsWithEveryCallStreamsIncludedAndClosesNothingOfTheOriginal() {
        try (LlamaCloudChatClient client = TestClients.client(server)) {
            try (LlamaCloudChatClient derived = client.withOptions(traced())) {
                String id = derived.create(CreateSessionParams.builder().addIndexId(LocalLlamaCloud.DEMO_INDEX).build()).sessionId();
                derived.ask(id, TestClients.turn("What were the main findings in Q3?", LocalLlamaCloud.DEMO_INDEX));
                derived.summary(id);
            }
            List<RecordedRequest> requests = server.getRequests();
            assertEquals(List.of(Endpoint.CREATE, Endpoint.STREAM, Endpoint.SUMMARY),
                requests.stream().map(RecordedRequest::getEndpoint).collect(java.util.stream.Collectors.toList()));
            for (RecordedRequest request : requests) {
                assertEquals("00-trace-01", request.header("traceparent"), request.toString());
                assertEquals("on", request.queryParameter("debug"), request.toString());
            }
            server.clearRequests();
            // The derived client is closed; the original and its connections still work, without the options.
            client.listPage();
            RecordedRequest plain = server.takeRequest();
            assertNull(plain.header("traceparent"));
            assertNull(plain.queryParameter("debug"));
        }
    }

    @Test
    void aDerivedAsyncClientSendsItsOptions() {
        try (LlamaCloudChatClientAsync client = TestClients.asyncClient(server)) {
            LlamaCloudChatClientAsync derived = client.withOptions(traced());
            String id = derived.create().join().sessionId();
            derived.summary(id).join();
            derived.close();
            client.summary(id).join();
        }
        List<RecordedRequest> requests = server.getRequests();
        assertEquals(3, requests.size());
        assertEquals("00-trace-01", requests.get(0).header("traceparent"));
        assertEquals("00-trace-01", requests.get(1).header("traceparent"));
        assertEquals("on", requests.get(1).queryParameter("debug"));
        assertNull(requests.get(2).header("traceparent"));
    }

    @Test
    void maxRetriesZeroOnADerivedClientStopsTheRetriesItsOriginalWouldMake() {
        try (LlamaCloudChatClient client = TestClients.builder(server).maxRetries(2).build()) {
            server.enqueue(ScriptedResponse.status(503), Endpoint.LIST, 1);
            ApiException error = assertThrows(ApiException.class,
                () -> client.withOptions(new RequestOptions().maxRetries(0)).listPage());
            assertEquals(503, error.status());
            assertEquals(1, TestClients.count(server, Endpoint.LIST));
        }
    }

    @Test
    void invalidOptionsAreRefusedBeforeAnyRequest() {
        try (LlamaCloudChatClient client = TestClients.client(server)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> client.withOptions(new RequestOptions().maxRetries(-1)));
            assertTrue(error.getMessage().contains("maxRetries"), error.getMessage());
        }
        assertEquals(List.of(), server.getRequests());
    }

    @Test
    void rawResponsesCarryTheStatusHeadersAndRequestIdBesideTheTypedValue() {
        try (LlamaCloudChatClient client = TestClients.client(server)) {
            LlamaCloudChatClient.WithRawResponse raw = client.withRawResponse();
            server.enqueue(ScriptedResponse.serve().withHeader("x-ratelimit-remaining", "41"), Endpoint.CREATE, 1);
            ApiResponse<SessionSummary> created = raw.create(CreateSessionParams.builder().addIndexId(LocalLlamaCloud.DEMO_INDEX).build());
            assertEquals(200, created.status());
            assertEquals(Optional.of("41"), created.header("X-RateLimit-Remaining"));
            String id = created.value().sessionId();
            assertTrue(created.requestId().orElseThrow().matches("req_\\d+"), created.toString());

            ApiResponse<ChatTurn> turn = raw.ask(id, TestClients.turn("What were the main findings in Q3?", LocalLlamaCloud.DEMO_INDEX));
            assertEquals(200, turn.status());
            assertTrue(turn.value().text().contains("Q3"), turn.value().text());
            assertTrue(turn.requestId().isPresent());
            assertTrue(!turn.requestId().equals(created.requestId()), "each response has its own request id");

            ApiResponse<Page<SessionSummary>> page = raw.listPage();
            assertEquals(200, page.status());
            assertTrue(page.value().items().stream().anyMatch(s -> s.sessionId().equals(id)));
            ApiResponse<Void> deleted = raw.delete(id);
            assertEquals(204, deleted.status());
            assertNull(deleted.value());
            assertTrue(deleted.requestId().isPresent());
        }
    }

    @Test
    void aRawResponseFromADerivedClientCarriesItsOptions() {
        try (LlamaCloudChatClient client = TestClients.client(server)) {
            ApiResponse<Page<SessionSummary>> page = client.withOptions(traced()).withRawResponse().listPage();
            assertEquals(200, page.status());
            assertEquals("00-trace-01", server.takeRequest().header("traceparent"));
        }
    }
}

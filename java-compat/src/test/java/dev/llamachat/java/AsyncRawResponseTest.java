package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatTurn;
import dev.llamachat.NotFoundException;
import dev.llamachat.Page;
import dev.llamachat.Session;
import dev.llamachat.SessionSummary;
import dev.llamachat.StreamEndedBeforeStopException;
import dev.llamachat.ktor.ApiResponse;
import dev.llamachat.ktor.RequestOptions;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.ScriptedResponse;
import dev.llamachat.testkit.SocketPolicy;
import dev.llamachat.testkit.junit5.LocalLlamaCloudExtension;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Response metadata on the asynchronous client: {@code withRawResponse()} futures, over loopback. */
class AsyncRawResponseTest {
    @RegisterExtension
    static final LocalLlamaCloudExtension CLOUD = new LocalLlamaCloudExtension(LocalLlamaCloud.builder().apiKey(TestClients.KEY));

    private static final String REQUEST_ID = "req_\\d+";

    @Test
    void everyCallCompletesWithItsStatusHeadersAndRequestIdBesideTheTypedValue(LocalLlamaCloud server) {
        try (LlamaCloudChatClientAsync client = TestClients.asyncClient(server)) {
            LlamaCloudChatClientAsync.WithRawResponse raw = client.withRawResponse();
            server.enqueue(ScriptedResponse.serve().withHeader("x-ratelimit-remaining", "41"), Endpoint.CREATE, 1);
            ApiResponse<SessionSummary> created =
                raw.create(CreateSessionParams.builder().addIndexId(LocalLlamaCloud.DEMO_INDEX).build()).join();
            assertEquals(200, created.status());
            assertEquals(Optional.of("41"), created.header("X-RateLimit-Remaining"));
            assertTrue(created.requestId().orElseThrow().matches(REQUEST_ID), created.toString());
            String id = created.value().sessionId();

            ApiResponse<ChatTurn> turn = raw.ask(id, TestClients.turn("What were the main findings in Q3?", LocalLlamaCloud.DEMO_INDEX)).join();
            assertEquals(200, turn.status());
            assertEquals("text/event-stream", turn.header("content-type").orElseThrow().split(";")[0]);
            assertTrue(turn.value().text().contains("Q3"), turn.value().text());
            assertTrue(turn.requestId().orElseThrow().matches(REQUEST_ID));
            assertNotEquals(created.requestId(), turn.requestId(), "each response has its own request id");

            ApiResponse<Session> session = raw.retrieve(id).join();
            assertEquals(200, session.status());
            assertEquals(id, session.value().sessionId());
            ApiResponse<SessionSummary> titled =
                raw.generateTitle(id, TitleParams.builder().firstMessage("Quarterly findings").build()).join();
            assertTrue(titled.value().generatedTitle().isPresent());
            assertEquals(200, raw.summary(id).join().status());
            ApiResponse<Page<SessionSummary>> page = raw.listPage().join();
            assertTrue(page.value().items().stream().anyMatch(s -> s.sessionId().equals(id)));

            ApiResponse<Void> deleted = raw.delete(id).join();
            assertEquals(204, deleted.status());
            assertNull(deleted.value());
            assertTrue(deleted.requestId().isPresent());
        }
    }

    @Test
    void aRefusedCallFailsTheFutureWithItsTypedExceptionCarryingTheRequestId(LocalLlamaCloud server) {
        try (LlamaCloudChatClientAsync client = TestClients.asyncClient(server)) {
            CompletableFuture<ApiResponse<Session>> missing = client.withRawResponse().retrieve("no-such-session");
            CompletionException error = assertThrows(CompletionException.class, missing::join);
            NotFoundException notFound = assertInstanceOf(NotFoundException.class, error.getCause());
            assertEquals(404, notFound.status());
            assertTrue(notFound.requestId().orElseThrow().matches(REQUEST_ID), notFound.toString());
            // The blocking twin throws the same type itself.
            assertThrows(NotFoundException.class, () -> client.sync().withRawResponse().retrieve("no-such-session"));
        }
    }

    @Test
    void aTurnThatBreaksOffFailsWithAStreamExceptionCarryingItsResponsesRequestId(LocalLlamaCloud server) {
        try (LlamaCloudChatClientAsync client = TestClients.asyncClient(server)) {
            String id = client.create().join().sessionId();
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(2)), Endpoint.STREAM, 1);
            CompletionException error = assertThrows(CompletionException.class,
                () -> client.withRawResponse().ask(id, TestClients.turn("What were the main findings in Q3?")).join());
            StreamEndedBeforeStopException ended = assertInstanceOf(StreamEndedBeforeStopException.class, error.getCause());
            assertTrue(ended.requestId().orElseThrow().matches(REQUEST_ID), ended.toString());
        }
    }

    @Test
    void argumentsThatCanNeverBeValidThrowBeforeAnyRequest(LocalLlamaCloud server) {
        try (LlamaCloudChatClientAsync client = TestClients.asyncClient(server)) {
            assertThrows(IllegalArgumentException.class, () -> client.withRawResponse().summary(" "));
        }
        assertEquals(0, server.getRequests().size());
    }

    @Test
    void aDerivedClientsRawResponsesCarryItsOptions(LocalLlamaCloud server) {
        try (LlamaCloudChatClientAsync client = TestClients.asyncClient(server)) {
            ApiResponse<Page<SessionSummary>> page =
                client.withOptions(new RequestOptions().header("traceparent", "00-trace-01")).withRawResponse().listPage().join();
            assertEquals(200, page.status());
            assertEquals("00-trace-01", server.takeRequest().header("traceparent"));
        }
    }
}

package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.SessionSummary;
import dev.llamachat.UnexpectedResponseException;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.ScriptedResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server whose page tokens cycle (first page -> A -> B -> A) makes both Java listings stop with
 * UnexpectedResponseException instead of listing forever: they walk with core's one pager, which refuses any token
 * it already used, not only the previous one. The pages are scripted on testkit.
 */
class PageTokenCycleTest {
    private LocalLlamaCloud server;

    private static ScriptedResponse page(String sessionId, String next) {
        return ScriptedResponse.status(200).withBody("application/json",
            "{\"items\":[{\"session_id\":\"" + sessionId + "\",\"last_updated_at\":\"2026-04-22T12:34:41.342245\"}],"
                + "\"next_page_token\":\"" + next + "\"}");
    }

    @BeforeEach
    void start() {
        server = LocalLlamaCloud.builder().apiKey(TestClients.KEY).start();
        server.enqueue(page("ses-1", "A"), Endpoint.LIST, 1);
        server.enqueue(page("ses-2", "B"), Endpoint.LIST, 1);
        server.enqueue(page("ses-3", "A"), Endpoint.LIST, 1);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> tokensAsked() {
        return server.getRequests().stream()
            .filter(r -> r.getEndpoint() == Endpoint.LIST)
            .map(r -> String.valueOf(r.queryParameter("page_token")))
            .collect(Collectors.toList());
    }

    @Test
    void theBlockingListingStopsAtARepeatedToken() {
        try (LlamaCloudChatClient client = TestClients.client(server)) {
            List<String> listed = new ArrayList<>();
            try {
                for (SessionSummary s : client.listAll()) listed.add(s.sessionId());
                throw new AssertionError("the listing ended although its tokens cycle");
            } catch (UnexpectedResponseException e) {
                assertTrue(e.getMessage().contains("same page token"), e.getMessage());
            }
            assertEquals(List.of("ses-1", "ses-2"), listed);
            assertEquals(List.of("null", "A", "B"), tokensAsked());
        }
    }

    @Test
    void thePublisherSignalsARepeatedTokenThroughOnError() throws Exception {
        try (LlamaCloudChatClientAsync client = TestClients.asyncClient(server)) {
            RecordingSubscriber<SessionSummary> subscriber = new RecordingSubscriber<>();
            client.listAll().subscribe(subscriber);
            subscriber.request(Long.MAX_VALUE);
            assertInstanceOf(UnexpectedResponseException.class, subscriber.awaitError());
            assertEquals(List.of("null", "A", "B"), tokensAsked());
        }
    }
}

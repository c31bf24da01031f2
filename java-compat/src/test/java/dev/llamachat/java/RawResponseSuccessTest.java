package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.Session;
import dev.llamachat.SessionSummary;
import dev.llamachat.ktor.ApiResponse;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.ScriptedResponse;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@code withRawResponse()} on the blocking client for the calls {@link RequestOptionsTest} leaves out: retrieve,
 * summary and generateTitle answer with their status, headers and request id beside the parsed value.
 */
class RawResponseSuccessTest extends LoopbackTest {
    private static final String REQUEST_ID = "req_\\d+";

    private String sessionWithOneTurn() {
        String id = client.create().sessionId();
        client.ask(id, TestClients.turn("What were the main findings in Q3?", "idx-demo"));
        return id;
    }

    @Test
    void retrieveAnswersWithItsStatusHeadersAndTheSession() {
        String id = sessionWithOneTurn();
        server.enqueue(ScriptedResponse.serve().withHeader("x-ratelimit-remaining", "7"), Endpoint.RETRIEVE);
        ApiResponse<Session> retrieved = client.withRawResponse().retrieve(id);

        assertEquals(200, retrieved.status());
        assertEquals(id, retrieved.value().sessionId());
        assertEquals(6, retrieved.value().events().size(), "user_input, thinking, tool_call, tool_result, text, stop");
        assertEquals(Optional.of("7"), retrieved.header("X-RateLimit-Remaining"), "headers are read case-insensitively");
        assertEquals("application/json", retrieved.header("content-type").orElseThrow().split(";")[0]);
        assertTrue(retrieved.requestId().orElseThrow().matches(REQUEST_ID), retrieved.toString());
        assertEquals(retrieved.requestId(), retrieved.header("x-request-id"));
    }

    @Test
    void summaryAnswersWithItsStatusRequestIdAndTheSummary() {
        String id = sessionWithOneTurn();
        ApiResponse<SessionSummary> summary = client.withRawResponse().summary(id, RequestScope.builder().build());
        ApiResponse<SessionSummary> again = client.withRawResponse().summary(id);

        assertEquals(200, summary.status());
        assertEquals(id, summary.value().sessionId());
        assertEquals(OptionalLong.of(1), summary.value().jobMetadata().orElseThrow().turns());
        assertEquals(summary.value(), again.value());
        assertTrue(summary.requestId().orElseThrow().matches(REQUEST_ID), summary.toString());
        assertNotEquals(summary.requestId(), again.requestId(), "each response has its own request id");
    }

    @Test
    void generateTitleAnswersWithItsStatusRequestIdAndTheTitledSummary() {
        String id = client.create().sessionId();
        ApiResponse<SessionSummary> titled = client.withRawResponse()
            .generateTitle(id, TitleParams.builder().firstMessage("Quarterly findings for the board").build());

        assertEquals(200, titled.status());
        assertEquals(id, titled.value().sessionId());
        assertEquals(Optional.of("Quarterly findings for the board..."), titled.value().generatedTitle());
        assertEquals(Optional.of("Quarterly findings for the board..."), client.summary(id).generatedTitle(), "it was stored");
        assertTrue(titled.requestId().orElseThrow().matches(REQUEST_ID), titled.toString());
        assertEquals(Endpoint.TITLE, server.getRequests().get(1).getEndpoint());
    }
}

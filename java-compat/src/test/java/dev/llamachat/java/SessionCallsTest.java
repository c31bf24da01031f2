package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatEvent;
import dev.llamachat.ChatTurn;
import dev.llamachat.NotFoundException;
import dev.llamachat.Page;
import dev.llamachat.Session;
import dev.llamachat.SessionSummary;
import dev.llamachat.ToolUse;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Every one-shot call as a CompletableFuture, and ask(), against testkit. */
class SessionCallsTest extends LoopbackTest {
    @Test
    void createsBoundAndUnboundSessions() {
        SessionSummary bound = async.create(CreateSessionParams.builder().addIndexId("idx-demo").build()).join();
        assertEquals(Optional.of(List.of("idx-demo")), bound.indexIds());
        assertFalse(bound.sessionId().isEmpty());
        assertTrue(bound.lastUpdated().isPresent());
        assertEquals(Optional.empty(), bound.generatedTitle());
        assertEquals(Optional.empty(), bound.jobMetadata());

        SessionSummary unbound = async.create().join();
        assertEquals(Optional.empty(), unbound.indexIds());
    }

    @Test
    void createSendsTheIndexesAndProject() {
        String project = UUID.randomUUID().toString();
        server.clearRequests();
        async.create(CreateSessionParams.builder().addIndexId("idx-demo").projectId(project).build()).join();
        RecordedRequest request = server.takeRequest();
        assertEquals(Endpoint.CREATE, request.getEndpoint());
        assertEquals("{\"index_ids\":[\"idx-demo\"]}", request.getBody());
        assertEquals(project, request.queryParameter("project_id"));
        assertEquals("Bearer " + TestClients.KEY, request.header("authorization"));
        assertEquals(1, server.sessionCount(project));
    }

    @Test
    void asksATurnAndRetrievesItsHistory() {
        String id = async.create(CreateSessionParams.builder().addIndexId("idx-demo").build()).join().sessionId();
        ChatTurn turn = async.ask(id, TestClients.turn("What were the main findings in Q3?", "idx-demo")).join();
        assertTrue(turn.text().contains("Q3"), turn.text());
        assertFalse(turn.thinking().isEmpty());
        assertEquals(1, turn.toolUses().size());
        ToolUse use = turn.toolUses().get(0);
        assertEquals("search_index", use.call().name());
        assertTrue(use.result().isPresent());
        assertFalse(turn.isError());
        assertEquals(1L, turn.usage().orElseThrow().turns().getAsLong());

        Session session = async.retrieve(id).join();
        assertEquals(id, session.sessionId());
        List<ChatEvent> history = session.events();
        ChatEvent.UserInput prompt = assertInstanceOf(ChatEvent.UserInput.class, history.get(0));
        assertEquals("What were the main findings in Q3?", prompt.content());
        assertInstanceOf(ChatEvent.Stop.class, history.get(history.size() - 1));
        assertEquals(Optional.of("What were the main findings in Q3?..."), session.generatedTitle());
    }

    @Test
    void askPassesEachEventToTheCallbackAsItArrives() {
        String id = async.create().join().sessionId();
        List<ChatEvent> seen = new ArrayList<>();
        ChatTurn turn = async.ask(id, TestClients.turn("bench:30"), seen::add).join();
        assertEquals(32, seen.size());
        assertEquals(32, turn.eventCount());
        assertInstanceOf(ChatEvent.Stop.class, seen.get(31));
    }

    @Test
    void aThrowingCallbackFailsTheFutureWithItsException() {
        String id = async.create().join().sessionId();
        IllegalStateException boom = new IllegalStateException("callback failed");
        CompletionException error = assertThrows(CompletionException.class,
            () -> async.ask(id, TestClients.turn("bench:30"), event -> {
                throw boom;
            }).join());
        assertEquals(boom.getMessage(), error.getCause().getMessage());
        assertInstanceOf(IllegalStateException.class, error.getCause());
        assertTrue(server.awaitIdle(TestClients.IDLE), "the turn was stopped");
    }

    @Test
    void summarizesAndTitlesASession() {
        String id = async.create().join().sessionId();
        async.ask(id, TestClients.turn("bench:2")).join();
        SessionSummary summary = async.summary(id).join();
        assertEquals(id, summary.sessionId());
        assertEquals(1L, summary.jobMetadata().orElseThrow().turns().getAsLong());

        String message = "Summarize the quarterly report findings for the board meeting next week please";
        SessionSummary titled = async.generateTitle(id, TitleParams.builder().firstMessage(message).build()).join();
        String title = titled.generatedTitle().orElseThrow();
        assertTrue(title.endsWith("..."), title);
        assertTrue(title.length() <= 60, title);
        assertTrue(message.startsWith(title.substring(0, title.length() - 3)), title);
    }

    @Test
    void deletesASession() {
        String id = async.create().join().sessionId();
        assertNull(async.delete(id).join());
        CompletionException error = assertThrows(CompletionException.class, () -> async.retrieve(id).join());
        assertInstanceOf(NotFoundException.class, error.getCause());
        assertInstanceOf(NotFoundException.class, assertThrows(CompletionException.class, () -> async.delete(id).join()).getCause());
    }

    @Test
    void scopesCallsToAProject() {
        String project = UUID.randomUUID().toString();
        RequestScope scope = RequestScope.builder().projectId(project).build();
        String id = async.create(CreateSessionParams.builder().projectId(project).build()).join().sessionId();

        assertEquals(id, async.retrieve(id, scope).join().sessionId());
        assertEquals(id, async.summary(id, scope).join().sessionId());
        assertInstanceOf(NotFoundException.class,
            assertThrows(CompletionException.class, () -> async.summary(id).join()).getCause(),
            "a session of another project is not found under the default one");
        async.delete(id, scope).join();
        assertEquals(0, server.sessionCount(project));
    }

    @Test
    void listsOnePageAtATime() {
        String project = UUID.randomUUID().toString();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(0, async.create(CreateSessionParams.builder().projectId(project).build()).join().sessionId());
        }
        ListParams first = ListParams.builder().pageSize(2).projectId(project).build();
        Page<SessionSummary> page1 = async.listPage(first).join();
        assertEquals(2, page1.items().size());
        assertTrue(page1.hasNextPage());
        Page<SessionSummary> page2 = async.listPage(first.toBuilder().pageToken(page1.nextPageToken().orElseThrow()).build()).join();
        assertEquals(Optional.empty(), page2.nextPageToken());
        List<String> listed = new ArrayList<>();
        page1.items().forEach(s -> listed.add(s.sessionId()));
        page2.items().forEach(s -> listed.add(s.sessionId()));
        assertEquals(created, listed, "most recently updated first");
        assertFalse(async.listPage().join().items().isEmpty(), "the default project has sessions from other tests");
    }

    @Test
    void checksArgumentsBeforeAnyRequest() {
        server.clearRequests();
        TitleParams title = TitleParams.builder().firstMessage("x").build();
        assertEquals("sessionId must not be blank", assertThrows(IllegalArgumentException.class, () -> async.retrieve("")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> async.summary(" "));
        assertThrows(IllegalArgumentException.class, () -> async.delete(""));
        assertThrows(IllegalArgumentException.class, () -> async.generateTitle("", title));
        assertThrows(IllegalArgumentException.class, () -> async.ask("", TestClients.turn("hi")));
        assertThrows(IllegalArgumentException.class, () -> async.sync().stream("", TestClients.turn("hi")));
        assertThrows(NullPointerException.class, () -> async.retrieve(null));
        assertEquals(List.of(), server.getRequests());
    }
}

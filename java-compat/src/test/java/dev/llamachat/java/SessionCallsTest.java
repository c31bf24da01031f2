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
import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every one-shot call as a CompletableFuture, and ask(), against testkit. */
class SessionCallsTest {
    private static LocalLlamaCloud server;
    private static LlamaCloudChatClientAsync chat;

    @BeforeAll
    static void start() {
        server = LocalLlamaCloud.start();
        chat = TestClients.asyncClient(server);
    }

    @AfterAll
    static void stop() {
        chat.close();
        server.close();
    }

    @Test
    void createsBoundAndUnboundSessions() {
        SessionSummary bound = chat.create(CreateSessionParams.builder().addIndexId("idx-demo").build()).join();
        assertEquals(Optional.of(List.of("idx-demo")), bound.indexIds());
        assertFalse(bound.getSessionId().isEmpty());
        assertTrue(bound.lastUpdated().isPresent());
        assertEquals(Optional.empty(), bound.generatedTitle());
        assertEquals(Optional.empty(), bound.jobMetadata());

        SessionSummary unbound = chat.create().join();
        assertEquals(Optional.empty(), unbound.indexIds());
    }

    @Test
    void createSendsTheIndexesAndProject() {
        String project = UUID.randomUUID().toString();
        server.clearRequests();
        chat.create(CreateSessionParams.builder().addIndexId("idx-demo").projectId(project).build()).join();
        RecordedRequest request = server.takeRequest();
        assertEquals(Endpoint.CREATE, request.getEndpoint());
        assertEquals("{\"index_ids\":[\"idx-demo\"]}", request.getBody());
        assertEquals(project, request.queryParameter("project_id"));
        assertEquals("Bearer " + TestClients.KEY, request.header("authorization"));
        assertEquals(1, server.sessionCount(project));
    }

    @Test
    void asksATurnAndRetrievesItsHistory() {
        String id = chat.create(CreateSessionParams.builder().addIndexId("idx-demo").build()).join().getSessionId();
        ChatTurn turn = chat.ask(id, TestClients.turn("What were the main findings in Q3?", "idx-demo")).join();
        assertTrue(turn.getText().contains("Q3"), turn.getText());
        assertFalse(turn.getThinking().isEmpty());
        assertEquals(1, turn.getToolUses().size());
        ToolUse use = turn.getToolUses().get(0);
        assertEquals("search_index", use.getCall().getName());
        assertTrue(use.result().isPresent());
        assertFalse(turn.isError());
        assertEquals(1L, turn.usage().orElseThrow().getTurns());

        Session session = chat.retrieve(id).join();
        assertEquals(id, session.getSessionId());
        List<ChatEvent> history = session.getEvents();
        ChatEvent.UserInput prompt = assertInstanceOf(ChatEvent.UserInput.class, history.get(0));
        assertEquals("What were the main findings in Q3?", prompt.getContent());
        assertInstanceOf(ChatEvent.Stop.class, history.get(history.size() - 1));
        assertEquals(Optional.of("What were the main findings in Q3?..."), session.generatedTitle());
    }

    @Test
    void askPassesEachEventToTheCallbackAsItArrives() {
        String id = chat.create().join().getSessionId();
        List<ChatEvent> seen = new ArrayList<>();
        ChatTurn turn = chat.ask(id, TestClients.turn("bench:30"), seen::add).join();
        assertEquals(32, seen.size());
        assertEquals(32, turn.getEventCount());
        assertInstanceOf(ChatEvent.Stop.class, seen.get(31));
    }

    @Test
    void aThrowingCallbackFailsTheFutureWithItsException() {
        String id = chat.create().join().getSessionId();
        IllegalStateException boom = new IllegalStateException("callback failed");
        CompletionException error = assertThrows(CompletionException.class,
            () -> chat.ask(id, TestClients.turn("bench:30"), event -> {
                throw boom;
            }).join());
        assertEquals(boom.getMessage(), error.getCause().getMessage());
        assertInstanceOf(IllegalStateException.class, error.getCause());
        assertTrue(server.awaitIdle(TestClients.IDLE), "the turn was stopped");
    }

    @Test
    void summarizesAndTitlesASession() {
        String id = chat.create().join().getSessionId();
        chat.ask(id, TestClients.turn("bench:2")).join();
        SessionSummary summary = chat.summary(id).join();
        assertEquals(id, summary.getSessionId());
        assertEquals(1L, summary.jobMetadata().orElseThrow().getTurns());

        String message = "Summarize the quarterly report findings for the board meeting next week please";
        SessionSummary titled = chat.generateTitle(id, TitleParams.builder().firstMessage(message).build()).join();
        String title = titled.generatedTitle().orElseThrow();
        assertTrue(title.endsWith("..."), title);
        assertTrue(title.length() <= 60, title);
        assertTrue(message.startsWith(title.substring(0, title.length() - 3)), title);
    }

    @Test
    void deletesASession() {
        String id = chat.create().join().getSessionId();
        assertNull(chat.delete(id).join());
        CompletionException error = assertThrows(CompletionException.class, () -> chat.retrieve(id).join());
        assertInstanceOf(NotFoundException.class, error.getCause());
        assertInstanceOf(NotFoundException.class, assertThrows(CompletionException.class, () -> chat.delete(id).join()).getCause());
    }

    @Test
    void scopesCallsToAProject() {
        String project = UUID.randomUUID().toString();
        RequestScope scope = RequestScope.builder().projectId(project).build();
        String id = chat.create(CreateSessionParams.builder().projectId(project).build()).join().getSessionId();

        assertEquals(id, chat.retrieve(id, scope).join().getSessionId());
        assertEquals(id, chat.summary(id, scope).join().getSessionId());
        assertInstanceOf(NotFoundException.class,
            assertThrows(CompletionException.class, () -> chat.summary(id).join()).getCause(),
            "a session of another project is not found under the default one");
        chat.delete(id, scope).join();
        assertEquals(0, server.sessionCount(project));
    }

    @Test
    void listsOnePageAtATime() {
        String project = UUID.randomUUID().toString();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(0, chat.create(CreateSessionParams.builder().projectId(project).build()).join().getSessionId());
        }
        ListParams first = ListParams.builder().pageSize(2).projectId(project).build();
        Page<SessionSummary> page1 = chat.listPage(first).join();
        assertEquals(2, page1.getItems().size());
        assertTrue(page1.hasNextPage());
        Page<SessionSummary> page2 = chat.listPage(first.toBuilder().pageToken(page1.nextPageToken().orElseThrow()).build()).join();
        assertEquals(Optional.empty(), page2.nextPageToken());
        List<String> listed = new ArrayList<>();
        page1.getItems().forEach(s -> listed.add(s.getSessionId()));
        page2.getItems().forEach(s -> listed.add(s.getSessionId()));
        assertEquals(created, listed, "most recently updated first");
        assertFalse(chat.listPage().join().getItems().isEmpty(), "the default project has sessions from other tests");
    }

    @Test
    void checksArgumentsBeforeAnyRequest() {
        server.clearRequests();
        TitleParams title = TitleParams.builder().firstMessage("x").build();
        assertEquals("sessionId must not be blank", assertThrows(IllegalArgumentException.class, () -> chat.retrieve("")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> chat.summary(" "));
        assertThrows(IllegalArgumentException.class, () -> chat.delete(""));
        assertThrows(IllegalArgumentException.class, () -> chat.generateTitle("", title));
        assertThrows(IllegalArgumentException.class, () -> chat.ask("", TestClients.turn("hi")));
        assertThrows(IllegalArgumentException.class, () -> chat.sync().stream("", TestClients.turn("hi")));
        assertThrows(NullPointerException.class, () -> chat.retrieve(null));
        assertEquals(List.of(), server.getRequests());
    }
}

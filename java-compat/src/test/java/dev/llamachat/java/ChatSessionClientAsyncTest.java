package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatEvent;
import dev.llamachat.ChatTurn;
import dev.llamachat.ConflictException;
import dev.llamachat.NotFoundException;
import dev.llamachat.Session;
import dev.llamachat.SessionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The session handle: same powers as core's ChatSession, in Java types. */
class ChatSessionClientAsyncTest extends LoopbackTest {
    @Test
    void aStartedSessionRemembersItsIndexesSoATurnNeedsOnlyAPrompt() {
        ChatSessionClientAsync session = async.startSession(CreateSessionParams.builder().addIndexId("idx-demo").build()).join();
        assertEquals(Optional.of(List.of("idx-demo")), session.indexIds());
        ChatTurn turn = session.ask("What were the main findings in Q3?").join();
        assertTrue(turn.text().contains("Q3"), turn.text());
        List<ChatEvent> seen = new ArrayList<>();
        ChatTurn next = session.ask("And Q4?", seen::add).join();
        assertEquals(next.eventCount(), seen.size());
        assertEquals(2L, next.usage().orElseThrow().turns().getAsLong());
    }

    @Test
    void theFirstTurnBindsAnUnboundSession() throws Exception {
        ChatSessionClientAsync session = async.startSession().join();
        assertEquals(Optional.empty(), session.indexIds());
        RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
        session.stream("Who approves remote work?", List.of("idx-handbook")).subscribe(events);
        events.request(Long.MAX_VALUE);
        events.awaitCompletion();
        assertEquals(Optional.of(List.of("idx-handbook")), session.indexIds());
        // The remembered set is used from now on: a turn with no indexes named is not a conflict.
        assertInstanceOf(ChatEvent.Stop.class, lastOf(session.sync().stream("How many vacation days?")));
        CompletionException conflict = assertThrows(CompletionException.class,
            () -> async.ask(session.sessionId(), TestClients.turn("hi", "idx-demo")).join());
        assertInstanceOf(ConflictException.class, conflict.getCause());
    }

    private static ChatEvent lastOf(EventStream stream) {
        try (stream) {
            ChatEvent last = null;
            for (ChatEvent event : stream) last = event;
            return last;
        }
    }

    @Test
    void readsTitlesAndDeletesItsSession() {
        String project = UUID.randomUUID().toString();
        ChatSessionClientAsync session = async.startSession(CreateSessionParams.builder().projectId(project).build()).join();
        assertEquals(Optional.of(project), session.projectId());
        assertEquals(Optional.empty(), session.organizationId());
        session.ask("bench:3").join();

        Session history = session.history().join();
        assertEquals(session.sessionId(), history.sessionId());
        assertInstanceOf(ChatEvent.UserInput.class, history.events().get(0));
        SessionSummary summary = session.summary().join();
        assertEquals(1L, summary.jobMetadata().orElseThrow().turns().getAsLong());
        assertEquals("Budget review...", session.generateTitle("Budget review").join().generatedTitle().orElseThrow());

        session.delete().join();
        assertEquals(0, server.sessionCount(project));
        assertInstanceOf(NotFoundException.class, assertThrows(CompletionException.class, () -> session.summary().join()).getCause());
    }

    @Test
    void aHandleOnAnExistingSessionMakesNoRequest() {
        SessionSummary created = async.create(CreateSessionParams.builder().addIndexId("idx-demo").build()).join();
        server.clearRequests();
        ChatSessionClientAsync fromSummary = async.session(created);
        ChatSessionClientAsync fromId = async.session(created.sessionId(), List.of("idx-demo"));
        assertEquals(List.of(), server.getRequests());
        assertEquals(created.sessionId(), fromSummary.sessionId());
        assertEquals(Optional.of(List.of("idx-demo")), fromId.indexIds());
        assertTrue(fromId.ask("What happened in Q1?").join().text().contains("Q1"));
    }

    @Test
    void checksPromptsBeforeAnyRequest() {
        ChatSessionClientAsync session = async.session("some-session");
        server.clearRequests();
        assertEquals("prompt must not be blank", assertThrows(IllegalArgumentException.class, () -> session.ask(" ")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> session.stream("x".repeat(1001)));
        assertThrows(IllegalArgumentException.class, () -> session.stream("hi", List.of("")));
        assertThrows(IllegalArgumentException.class, () -> session.sync().stream(""));
        assertThrows(IllegalArgumentException.class, () -> session.generateTitle(""));
        assertThrows(IllegalArgumentException.class, () -> async.session(""));
        assertEquals(List.of(), server.getRequests());
    }
}

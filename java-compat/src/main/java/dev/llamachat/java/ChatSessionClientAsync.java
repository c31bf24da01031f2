package dev.llamachat.java;

import dev.llamachat.ChatEvent;
import dev.llamachat.ChatTurn;
import dev.llamachat.Session;
import dev.llamachat.SessionSummary;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * An asynchronous handle on one chat session: it remembers the session's id, its bound indexes and its project,
 * so a turn needs only a prompt. Get one from {@link LlamaCloudChatClientAsync#startSession} or
 * {@link LlamaCloudChatClientAsync#session}. Futures and publishers behave as on {@link LlamaCloudChatClientAsync}.
 * Safe to share between threads, though the service runs one turn per session at a time. Prompts are checked
 * before any request: a blank one or one over 1,000 characters throws {@link IllegalArgumentException} at once.
 *
 * <pre>{@code
 * client.startSession(CreateSessionParams.builder().addIndexId("idx-demo").build())
 *     .thenCompose(session -> session.ask("What were the main findings in Q3?"))
 *     .thenAccept(turn -> System.out.println(turn.text()));
 * }</pre>
 */
public interface ChatSessionClientAsync {
    /** The session's id. */
    String sessionId();

    /** The indexes the session is bound to, or empty while it is unbound (its first turn binds it). */
    Optional<List<String>> indexIds();

    /** The organization every call on this session uses, or empty for the client's default. */
    Optional<String> organizationId();

    /** The project every call on this session uses, or empty for the client's default. */
    Optional<String> projectId();

    /** The same session, blocking. */
    ChatSessionClient sync();

    /** Streams one turn on the bound indexes (see {@link LlamaCloudChatClientAsync#stream}). */
    Flow.Publisher<ChatEvent> stream(String prompt);

    /**
     * Streams one turn on {@code indexIds}; an unbound session is bound by its first turn's set, which this handle
     * then remembers.
     */
    Flow.Publisher<ChatEvent> stream(String prompt, List<String> indexIds);

    /** Runs one turn to its end (see {@link LlamaCloudChatClientAsync#ask(String, StreamParams)}). */
    CompletableFuture<ChatTurn> ask(String prompt);

    /** Runs one turn to its end, passing each event to {@code onEvent} as it arrives (on the client's executor). */
    CompletableFuture<ChatTurn> ask(String prompt, Consumer<ChatEvent> onEvent);

    /** The full session with its event history. */
    CompletableFuture<Session> history();

    /** The session's summary. */
    CompletableFuture<SessionSummary> summary();

    /** Generates the session's title from {@code firstMessage} and returns the updated summary. */
    CompletableFuture<SessionSummary> generateTitle(String firstMessage);

    /** Deletes the session; the future completes with null. */
    CompletableFuture<Void> delete();
}

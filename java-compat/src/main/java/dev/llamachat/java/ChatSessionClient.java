package dev.llamachat.java;

import dev.llamachat.ChatEvent;
import dev.llamachat.ChatTurn;
import dev.llamachat.Session;
import dev.llamachat.SessionSummary;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A blocking handle on one chat session: it remembers the session's id, its bound indexes and its project, so a
 * turn needs only a prompt. Get one from {@link LlamaCloudChatClient#startSession} or
 * {@link LlamaCloudChatClient#session}. Calls block and throw as on {@link LlamaCloudChatClient}. Safe to share
 * between threads, though the service runs one turn per session at a time (a second concurrent turn fails with
 * {@code ConflictException}). Prompts are checked before any request: a blank one or one over 1,000 characters
 * throws {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * ChatSessionClient session = client.startSession(CreateSessionParams.builder().addIndexId("idx-demo").build());
 * System.out.println(session.ask("What were the main findings in Q3?").text());
 * }</pre>
 */
public interface ChatSessionClient {
    /** The session's id. */
    String sessionId();

    /** The indexes the session is bound to, or empty while it is unbound (its first turn binds it). */
    Optional<List<String>> indexIds();

    /** The organization every call on this session uses, or empty for the client's default. */
    Optional<String> organizationId();

    /** The project every call on this session uses, or empty for the client's default. */
    Optional<String> projectId();

    /** The same session with futures and publishers. */
    ChatSessionClientAsync async();

    /**
     * One turn on the bound indexes as a blocking, closeable stream (see {@link LlamaCloudChatClient#stream}, which
     * says how it fails).
     *
     * @throws IllegalArgumentException if {@code prompt} is blank or over 1,000 characters (before any request)
     */
    EventStream stream(String prompt);

    /**
     * One turn on {@code indexIds}; an unbound session is bound by its first turn's set, which this handle then
     * remembers.
     */
    EventStream stream(String prompt, List<String> indexIds);

    /**
     * Runs one turn to its end (see {@link LlamaCloudChatClient#ask(String, StreamParams)}, which says how it fails).
     *
     * @throws IllegalArgumentException if {@code prompt} is blank or over 1,000 characters (before any request)
     */
    ChatTurn ask(String prompt);

    /** Runs one turn to its end, passing each event to {@code onEvent} on this thread as it arrives. */
    ChatTurn ask(String prompt, Consumer<ChatEvent> onEvent);

    /**
     * The full session with its event history.
     *
     * @throws dev.llamachat.NotFoundException if the session was deleted
     * @throws dev.llamachat.LlamaCloudException if the call fails otherwise (see {@link LlamaCloudChatClient})
     */
    Session history();

    /**
     * The session's summary.
     *
     * @throws dev.llamachat.NotFoundException if the session was deleted
     * @throws dev.llamachat.LlamaCloudException if the call fails otherwise (see {@link LlamaCloudChatClient})
     */
    SessionSummary summary();

    /**
     * Generates the session's title from {@code firstMessage} and returns the updated summary.
     *
     * @throws dev.llamachat.NotFoundException if the session was deleted
     * @throws dev.llamachat.LlamaCloudException if the call fails otherwise (see {@link LlamaCloudChatClient})
     * @throws IllegalArgumentException if {@code firstMessage} is blank
     */
    SessionSummary generateTitle(String firstMessage);

    /**
     * Deletes the session.
     *
     * @throws dev.llamachat.NotFoundException if the session was already deleted
     * @throws dev.llamachat.LlamaCloudException if the call fails otherwise (see {@link LlamaCloudChatClient})
     */
    void delete();
}

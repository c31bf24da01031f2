package dev.llamachat.java

import dev.llamachat.ChatEvent
import dev.llamachat.ChatTurn
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import java.util.Optional
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Flow
import java.util.function.Consumer

/**
 * A handle on one chat session for Java: it remembers the session's id, its bound indexes and its project, so a
 * turn needs only a prompt. The Java face of core's `ChatSession`, with the same powers. Get one from
 * [LlamaCloudChatAsync.startSession] or [LlamaCloudChatAsync.session]. Safe to share between threads, though the
 * service runs one turn per session at a time (a second concurrent turn fails with `ConflictException`).
 *
 * Prompts are checked before any request: a blank prompt or one over 1,000 characters throws
 * [IllegalArgumentException] at once. Futures and publishers behave as on [LlamaCloudChatAsync].
 *
 * ```java
 * AsyncChatSession session = chat.startSession(CreateSessionParams.builder().addIndexId("idx-demo").build()).join();
 * ChatTurn turn = session.ask("What were the main findings in Q3?").join();
 * System.out.println(turn.getText());
 * ```
 */
public interface AsyncChatSession {
    /** The session's id. */
    public fun getSessionId(): String

    /** The indexes the session is bound to, or empty while it is unbound (its first turn binds it). */
    public fun indexIds(): Optional<List<String>>

    /** The organization every call on this session uses, or empty for the client's default. */
    public fun organizationId(): Optional<String>

    /** The project every call on this session uses, or empty for the client's default. */
    public fun projectId(): Optional<String>

    /** Streams one turn on the bound indexes (see [LlamaCloudChatAsync.stream]). */
    public fun send(prompt: String): Flow.Publisher<ChatEvent>

    /**
     * Streams one turn on [indexIds]; an unbound session is bound by its first turn's set, which this handle then
     * remembers.
     */
    public fun send(prompt: String, indexIds: List<String>): Flow.Publisher<ChatEvent>

    /** Runs one turn to its end (see [LlamaCloudChatAsync.ask]). */
    public fun ask(prompt: String): CompletableFuture<ChatTurn>

    /** Runs one turn to its end, passing each event to [onEvent] as it arrives (to print the answer live). */
    public fun ask(prompt: String, onEvent: Consumer<ChatEvent>): CompletableFuture<ChatTurn>

    /** One turn as a blocking, closeable stream (see [LlamaCloudChatAsync.streamBlocking]). */
    public fun streamBlocking(prompt: String): EventStream

    /** The full session with its event history (see [LlamaCloudChatAsync.retrieve]). */
    public fun history(): CompletableFuture<Session>

    /** The session's summary (see [LlamaCloudChatAsync.summary]). */
    public fun summary(): CompletableFuture<SessionSummary>

    /** Generates the session's title from [firstMessage] (see [LlamaCloudChatAsync.generateTitle]). */
    public fun generateTitle(firstMessage: String): CompletableFuture<SessionSummary>

    /** Deletes the session (see [LlamaCloudChatAsync.delete]). */
    public fun delete(): CompletableFuture<Void?>
}

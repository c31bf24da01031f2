package dev.llamachat.java;

import dev.llamachat.ChatEvent;
import dev.llamachat.ChatTurn;
import dev.llamachat.Page;
import dev.llamachat.Session;
import dev.llamachat.SessionSummary;
import dev.llamachat.java.internal.ClientFactory;
import dev.llamachat.ktor.ApiResponse;
import dev.llamachat.ktor.LlamaCloudChat;
import dev.llamachat.ktor.RequestOptions;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The LlamaCloud Chat API for Java, blocking: every call returns its result, and a chat turn is an
 * {@link EventStream} to iterate. {@link #async()} gives the same client with futures and publishers.
 *
 * <pre>{@code
 * try (LlamaCloudChatClient client = LlamaCloudChatClient.fromEnv()) {
 *     SessionSummary session = client.create(CreateSessionParams.builder().addIndexId("idx-demo").build());
 *     ChatTurn turn = client.ask(session.sessionId(),
 *         StreamParams.builder().prompt("What were the main findings in Q3?").addIndexId("idx-demo").build());
 *     System.out.println(turn.text());
 * } catch (NotFoundException e) {
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Errors.</b> Arguments that can never be valid (a blank session id, a bad parameter object) throw
 * {@link IllegalArgumentException} before any request. A failed call throws the typed
 * {@code dev.llamachat.LlamaCloudException} subclass a Kotlin caller sees ({@code NotFoundException},
 * {@code ConflictException}, {@code LlamaCloudTimeoutException}, ...), itself, never wrapped in
 * {@code CompletionException} or {@code ExecutionException}. As the call ran on another thread, the exception
 * carries the calling thread's stack as a suppressed exception, so the trace shows where the caller waited.
 *
 * <p><b>Interruption.</b> Interrupting a thread blocked in a call cancels the HTTP request (closing its connection)
 * and throws {@link java.util.concurrent.CancellationException} with the {@link InterruptedException} as its
 * cause, and the thread's interrupt flag set again: unchecked, like every other failure here, and the JDK's own
 * type for "this operation was cancelled".
 *
 * <p><b>Lifetime.</b> This client and its {@link #async()} twin share one HTTP client and configuration; closing
 * either closes them once, cancelling whatever still runs. Thread-safe. Implementations other than the SDK's own
 * are meant for tests (mocking).
 */
public interface LlamaCloudChatClient extends AutoCloseable {
    /** A builder with nothing set; its {@link ClientBuilder#build()} makes a blocking client. */
    static ClientBuilder<LlamaCloudChatClient> builder() {
        return new ClientBuilder<>(ClientFactory::blocking);
    }

    /**
     * A client configured from the environment ({@code LLAMA_CLOUD_API_KEY}, else {@code LLAMA_PARSE_API_KEY}, and
     * {@code LLAMA_CLOUD_BASE_URL}), with every other value at its default.
     *
     * @throws IllegalArgumentException if the environment holds no API key
     */
    static LlamaCloudChatClient fromEnv() {
        return builder().fromEnv().build();
    }

    /**
     * The blocking Java face of a Kotlin client, for code that already has one. The Kotlin client stays its
     * creator's: {@link #close()} cancels this face's calls but does not close it.
     */
    static LlamaCloudChatClient wrap(LlamaCloudChat chat) {
        return ClientFactory.wrap(chat, null).getBlocking();
    }

    /** As {@link #wrap(LlamaCloudChat)}, running calls (and their {@link #async()} twin's) on {@code executor}. */
    static LlamaCloudChatClient wrap(LlamaCloudChat chat, Executor executor) {
        return ClientFactory.wrap(chat, executor).getBlocking();
    }

    /** The same client with futures and publishers, sharing this one's HTTP client and configuration. */
    LlamaCloudChatClientAsync async();

    /**
     * A client whose every call (streams included) carries {@code options}: its timeout, retry count, extra headers
     * and query parameters replace or add to this client's. It shares this client's connections and executor and
     * owns none of them: closing it only cancels its own calls, and closing this client ends it too.
     *
     * <pre>{@code
     * LlamaCloudChatClient quick = client.withOptions(new RequestOptions()
     *     .timeout(Duration.ofSeconds(5)).maxRetries(0).header("traceparent", traceparent));
     * }</pre>
     *
     * @throws IllegalArgumentException if an option is invalid (the message names it)
     */
    LlamaCloudChatClient withOptions(RequestOptions options);

    /**
     * This client's calls, each returning its typed result in an {@link ApiResponse} with the response's status,
     * headers and request id (quote it in a support ticket; read rate-limit headers to throttle).
     */
    WithRawResponse withRawResponse();

    /**
     * The calls of a {@link LlamaCloudChatClient} (with its options), each returning the value the plain call
     * returns inside an {@link ApiResponse}; failures are the same typed exceptions, which carry their own request id.
     */
    interface WithRawResponse {
        /** {@link LlamaCloudChatClient#listPage()} with its response. */
        default ApiResponse<Page<SessionSummary>> listPage() {
            return listPage(ListParams.NONE);
        }

        /** {@link LlamaCloudChatClient#listPage(ListParams)} with its response. */
        ApiResponse<Page<SessionSummary>> listPage(ListParams params);

        /** {@link LlamaCloudChatClient#create()} with its response. */
        default ApiResponse<SessionSummary> create() {
            return create(CreateSessionParams.NONE);
        }

        /** {@link LlamaCloudChatClient#create(CreateSessionParams)} with its response. */
        ApiResponse<SessionSummary> create(CreateSessionParams params);

        /** {@link LlamaCloudChatClient#retrieve(String)} with its response. */
        default ApiResponse<Session> retrieve(String sessionId) {
            return retrieve(sessionId, RequestScope.NONE);
        }

        /** {@link LlamaCloudChatClient#retrieve(String, RequestScope)} with its response. */
        ApiResponse<Session> retrieve(String sessionId, RequestScope scope);

        /** {@link LlamaCloudChatClient#summary(String)} with its response. */
        default ApiResponse<SessionSummary> summary(String sessionId) {
            return summary(sessionId, RequestScope.NONE);
        }

        /** {@link LlamaCloudChatClient#summary(String, RequestScope)} with its response. */
        ApiResponse<SessionSummary> summary(String sessionId, RequestScope scope);

        /** {@link LlamaCloudChatClient#delete(String)} with its response; the value is null. */
        default ApiResponse<Void> delete(String sessionId) {
            return delete(sessionId, RequestScope.NONE);
        }

        /** {@link LlamaCloudChatClient#delete(String, RequestScope)} with its response; the value is null. */
        ApiResponse<Void> delete(String sessionId, RequestScope scope);

        /** {@link LlamaCloudChatClient#generateTitle(String, TitleParams)} with its response. */
        ApiResponse<SessionSummary> generateTitle(String sessionId, TitleParams params);

        /**
         * {@link LlamaCloudChatClient#ask(String, StreamParams)} with the stream's response: the finished turn, and
         * the status, headers and request id its stream came with.
         */
        ApiResponse<ChatTurn> ask(String sessionId, StreamParams params);
    }

    /**
     * The first page of the default project's sessions, most recently updated first.
     *
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     */
    default Page<SessionSummary> listPage() {
        return listPage(ListParams.NONE);
    }

    /**
     * One page of sessions; pass a previous page's {@code nextPageToken} in {@code params} for the next one.
     *
     * @throws dev.llamachat.BadRequestException if the page token is not one the service issued
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     */
    Page<SessionSummary> listPage(ListParams params);

    /**
     * Every session of the default project, fetched page by page as the iteration reaches it. No request now: a
     * page's failure is thrown, as itself, by the iterator's {@code hasNext()} that needed it.
     */
    default SessionIterable listAll() {
        return listAll(ListParams.NONE);
    }

    /** Every session from {@code params}' page on, fetched page by page as the iteration reaches it (see above). */
    SessionIterable listAll(ListParams params);

    /**
     * Creates an unbound session under the default project. Not retried once the service may have acted.
     *
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     */
    default SessionSummary create() {
        return create(CreateSessionParams.NONE);
    }

    /**
     * Creates a session, bound to {@code params}' indexes if it names any.
     *
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     */
    SessionSummary create(CreateSessionParams params);

    /**
     * The full session with its event history.
     *
     * @throws dev.llamachat.NotFoundException if there is no such session, or it was deleted
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     * @throws IllegalArgumentException if {@code sessionId} is blank
     */
    default Session retrieve(String sessionId) {
        return retrieve(sessionId, RequestScope.NONE);
    }

    /**
     * The full session with its event history, under {@code scope}'s organization and project.
     *
     * @throws dev.llamachat.NotFoundException if there is no such session, or it was deleted
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     * @throws IllegalArgumentException if {@code sessionId} is blank
     */
    Session retrieve(String sessionId, RequestScope scope);

    /**
     * The session's summary, without its history.
     *
     * @throws dev.llamachat.NotFoundException if there is no such session, or it was deleted
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     * @throws IllegalArgumentException if {@code sessionId} is blank
     */
    default SessionSummary summary(String sessionId) {
        return summary(sessionId, RequestScope.NONE);
    }

    /**
     * The session's summary, under {@code scope}'s organization and project.
     *
     * @throws dev.llamachat.NotFoundException if there is no such session, or it was deleted
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     * @throws IllegalArgumentException if {@code sessionId} is blank
     */
    SessionSummary summary(String sessionId, RequestScope scope);

    /**
     * Deletes the session; later calls on it throw {@code NotFoundException}.
     *
     * @throws dev.llamachat.NotFoundException if there is no such session, or it was deleted
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     * @throws IllegalArgumentException if {@code sessionId} is blank
     */
    default void delete(String sessionId) {
        delete(sessionId, RequestScope.NONE);
    }

    /**
     * Deletes the session under {@code scope}'s organization and project.
     *
     * @throws dev.llamachat.NotFoundException if there is no such session, or it was deleted
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     * @throws IllegalArgumentException if {@code sessionId} is blank
     */
    void delete(String sessionId, RequestScope scope);

    /**
     * Generates the session's title from {@code params}' first message and returns the updated summary.
     *
     * @throws dev.llamachat.NotFoundException if there is no such session, or it was deleted
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     * @throws IllegalArgumentException if {@code sessionId} is blank
     */
    SessionSummary generateTitle(String sessionId, TitleParams params);

    /**
     * One chat turn as a blocking, closeable {@link EventStream}; the prompt is sent now. Close it (try-with-resources)
     * to stop early. A refused turn ({@code ConflictException} if {@code params}' indexes differ from the session's
     * locked set, {@code NotFoundException} for an unknown session) is thrown by the first {@code hasNext()}.
     *
     * @throws IllegalArgumentException if {@code sessionId} is blank (before any request)
     * @throws IllegalStateException if this client is closed
     */
    EventStream stream(String sessionId, StreamParams params);

    /**
     * Runs one turn to its end and returns what it left behind (text, thinking, tool uses, usage).
     *
     * @throws dev.llamachat.ConflictException if {@code params}' indexes differ from the session's locked set, or a
     *     turn already runs on the session
     * @throws dev.llamachat.NotFoundException if there is no such session, or it was deleted
     * @throws dev.llamachat.StreamException if the stream broke off (it says after which event)
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     * @throws IllegalArgumentException if {@code sessionId} is blank
     */
    ChatTurn ask(String sessionId, StreamParams params);

    /**
     * Runs one turn to its end, passing each event to {@code onEvent} on this thread as it arrives (to print the
     * answer live), and returns what it left behind. If {@code onEvent} throws, the turn is stopped and that is
     * thrown. Fails as {@link #ask(String, StreamParams)} does.
     */
    ChatTurn ask(String sessionId, StreamParams params, Consumer<ChatEvent> onEvent);

    /**
     * Creates an unbound session and returns a handle on it.
     *
     * @throws dev.llamachat.LlamaCloudException if the call fails (see <b>Errors</b> above)
     */
    default ChatSessionClient startSession() {
        return startSession(CreateSessionParams.NONE);
    }

    /** Creates a session (see {@link #create(CreateSessionParams)}, which says how it fails) and returns a handle on it. */
    ChatSessionClient startSession(CreateSessionParams params);

    /**
     * A handle on an existing session whose bound indexes are not known yet: its first turn learns them (one summary
     * request) unless the turn names its own. No request now.
     */
    default ChatSessionClient session(String sessionId) {
        return session(sessionId, null, RequestScope.NONE);
    }

    /** A handle on an existing session bound to {@code indexIds}, without a request. */
    default ChatSessionClient session(String sessionId, List<String> indexIds) {
        return session(sessionId, indexIds, RequestScope.NONE);
    }

    /**
     * A handle on an existing session bound to {@code indexIds} (null if not known: its first turn learns them), under
     * {@code scope}, without a request.
     */
    ChatSessionClient session(String sessionId, List<String> indexIds, RequestScope scope);

    /** A handle on the session {@code summary} describes (its id and bound indexes), without a request. */
    default ChatSessionClient session(SessionSummary summary) {
        return session(summary, RequestScope.NONE);
    }

    /** A handle on the session {@code summary} describes, under {@code scope}, without a request. */
    default ChatSessionClient session(SessionSummary summary, RequestScope scope) {
        return session(summary.sessionId(), summary.indexIds().orElse(null), scope);
    }

    /**
     * Closes this client and its {@link #async()} twin: cancels every call and stream still running and, if the
     * client made its HTTP client, closes it. Later calls throw {@link IllegalStateException}. Idempotent; throws
     * no checked exception.
     */
    @Override
    void close();
}

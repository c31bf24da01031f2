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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * The LlamaCloud Chat API for Java, asynchronous: every call returns a {@link CompletableFuture}, and a chat turn
 * and the session listing are {@link Flow.Publisher}s. {@link #sync()} gives the same client, blocking.
 *
 * <pre>{@code
 * try (LlamaCloudChatClientAsync client = LlamaCloudChatClientAsync.fromEnv()) {
 *     client.create()
 *         .thenCompose(s -> client.ask(s.sessionId(), StreamParams.builder().prompt("Hello").build()))
 *         .thenAccept(turn -> System.out.println(turn.text()))
 *         .join();
 * }
 * }</pre>
 *
 * <p>Arguments that can never be valid (a blank session id, a bad parameter object) throw
 * {@link IllegalArgumentException} before any request. Futures complete on the client's executor
 * ({@link ClientBuilder#executor}, else a shared pool for blocking work) with the result, or exceptionally with
 * the typed {@code LlamaCloudException} a Kotlin caller sees ({@code join()} wraps it in
 * {@code CompletionException}, {@code get()} in {@code ExecutionException}; {@link #sync()} throws it as itself).
 * {@code cancel(true)} on a future cancels its request.
 *
 * <p>A publisher is cold: each subscription makes the call again, starting it at once (before any
 * {@code request(n)}), so a refused call is signalled through {@code onError} without waiting for demand. It
 * never delivers beyond {@code request(n)}, {@code request(n <= 0)} signals {@link IllegalArgumentException}
 * (rule 3.9), and {@code Subscription.cancel()} closes the HTTP stream at once. The call is sent from the
 * subscribing thread (it never blocks there); subscribers are called on the client's executor, except for a
 * subscription refused before its request went out (a closed client), which is signalled on the subscribing thread.
 * Passes the Reactive Streams TCK.
 *
 * <p>This client and its {@link #sync()} twin share one HTTP client and configuration; closing either closes them
 * once: running futures complete with {@link java.util.concurrent.CancellationException} and subscribers get
 * {@code onError(CancellationException)}. Thread-safe.
 */
public interface LlamaCloudChatClientAsync extends AutoCloseable {
    /** A builder with nothing set; its {@link ClientBuilder#build()} makes an asynchronous client. */
    static ClientBuilder<LlamaCloudChatClientAsync> builder() {
        return new ClientBuilder<>(ClientFactory::async);
    }

    /**
     * A client configured from the environment ({@code LLAMA_CLOUD_API_KEY}, else {@code LLAMA_PARSE_API_KEY}, and
     * {@code LLAMA_CLOUD_BASE_URL}), with every other value at its default.
     *
     * @throws IllegalArgumentException if the environment holds no API key
     */
    static LlamaCloudChatClientAsync fromEnv() {
        return builder().fromEnv().build();
    }

    /**
     * The asynchronous Java face of a Kotlin client, for code that already has one. The Kotlin client stays its
     * creator's: {@link #close()} cancels this face's calls but does not close it.
     */
    static LlamaCloudChatClientAsync wrap(LlamaCloudChat chat) {
        return ClientFactory.wrap(chat, null).getAsync();
    }

    /** As {@link #wrap(LlamaCloudChat)}, completing futures and calling subscribers on {@code executor}. */
    static LlamaCloudChatClientAsync wrap(LlamaCloudChat chat, Executor executor) {
        return ClientFactory.wrap(chat, executor).getAsync();
    }

    /** The same client, blocking, sharing this one's HTTP client and configuration. */
    LlamaCloudChatClient sync();

    /**
     * A client whose every call (streams included) carries {@code options}: its timeout, retry count, extra headers
     * and query parameters replace or add to this client's. It shares this client's connections and executor and
     * owns none of them: closing it only cancels its own calls, and closing this client ends it too.
     *
     * @throws IllegalArgumentException if an option is invalid (the message names it)
     */
    LlamaCloudChatClientAsync withOptions(RequestOptions options);

    /**
     * This client's calls, each completing with its typed result in an {@link ApiResponse} with the response's
     * status, headers and request id (quote it in a support ticket; read rate-limit headers to throttle).
     */
    WithRawResponse withRawResponse();

    /**
     * The calls of a {@link LlamaCloudChatClientAsync} (with its options), each completing with the value the plain
     * call completes with inside an {@link ApiResponse}. Failures are the same typed exceptions, which carry their
     * own request id; {@code cancel(true)} cancels the request.
     */
    interface WithRawResponse {
        /** {@link LlamaCloudChatClientAsync#listPage()} with its response. */
        default CompletableFuture<ApiResponse<Page<SessionSummary>>> listPage() {
            return listPage(ListParams.NONE);
        }

        /** {@link LlamaCloudChatClientAsync#listPage(ListParams)} with its response. */
        CompletableFuture<ApiResponse<Page<SessionSummary>>> listPage(ListParams params);

        /** {@link LlamaCloudChatClientAsync#create()} with its response. */
        default CompletableFuture<ApiResponse<SessionSummary>> create() {
            return create(CreateSessionParams.NONE);
        }

        /** {@link LlamaCloudChatClientAsync#create(CreateSessionParams)} with its response. */
        CompletableFuture<ApiResponse<SessionSummary>> create(CreateSessionParams params);

        /** {@link LlamaCloudChatClientAsync#retrieve(String)} with its response. */
        default CompletableFuture<ApiResponse<Session>> retrieve(String sessionId) {
            return retrieve(sessionId, RequestScope.NONE);
        }

        /** {@link LlamaCloudChatClientAsync#retrieve(String, RequestScope)} with its response. */
        CompletableFuture<ApiResponse<Session>> retrieve(String sessionId, RequestScope scope);

        /** {@link LlamaCloudChatClientAsync#summary(String)} with its response. */
        default CompletableFuture<ApiResponse<SessionSummary>> summary(String sessionId) {
            return summary(sessionId, RequestScope.NONE);
        }

        /** {@link LlamaCloudChatClientAsync#summary(String, RequestScope)} with its response. */
        CompletableFuture<ApiResponse<SessionSummary>> summary(String sessionId, RequestScope scope);

        /** {@link LlamaCloudChatClientAsync#delete(String)} with its response; the value is null. */
        default CompletableFuture<ApiResponse<Void>> delete(String sessionId) {
            return delete(sessionId, RequestScope.NONE);
        }

        /** {@link LlamaCloudChatClientAsync#delete(String, RequestScope)} with its response; the value is null. */
        CompletableFuture<ApiResponse<Void>> delete(String sessionId, RequestScope scope);

        /** {@link LlamaCloudChatClientAsync#generateTitle(String, TitleParams)} with its response. */
        CompletableFuture<ApiResponse<SessionSummary>> generateTitle(String sessionId, TitleParams params);

        /**
         * {@link LlamaCloudChatClientAsync#ask(String, StreamParams)} with the stream's response: the finished turn,
         * and the status, headers and request id its stream came with. A failure mid-stream is a
         * {@code StreamException} carrying the same request id.
         */
        CompletableFuture<ApiResponse<ChatTurn>> ask(String sessionId, StreamParams params);
    }

    /** The first page of the default project's sessions, most recently updated first. */
    default CompletableFuture<Page<SessionSummary>> listPage() {
        return listPage(ListParams.NONE);
    }

    /** One page of sessions; pass a previous page's {@code nextPageToken} in {@code params} for the next one. */
    CompletableFuture<Page<SessionSummary>> listPage(ListParams params);

    /**
     * Every session of the default project as a publisher. Subscribing fetches the first page; each next page is
     * fetched only when demand reaches it. A failed page is signalled as its typed exception through
     * {@code onError}; cancelling stops paging.
     */
    default Flow.Publisher<SessionSummary> listAll() {
        return listAll(ListParams.NONE);
    }

    /** Every session from {@code params}' page on, as a publisher (see {@link #listAll()}). */
    Flow.Publisher<SessionSummary> listAll(ListParams params);

    /** Creates an unbound session under the default project. Not retried once the service may have acted. */
    default CompletableFuture<SessionSummary> create() {
        return create(CreateSessionParams.NONE);
    }

    /** Creates a session, bound to {@code params}' indexes if it names any. */
    CompletableFuture<SessionSummary> create(CreateSessionParams params);

    /** The full session with its event history; fails with {@code NotFoundException} if there is none. */
    default CompletableFuture<Session> retrieve(String sessionId) {
        return retrieve(sessionId, RequestScope.NONE);
    }

    /** The full session with its event history, under {@code scope}'s organization and project. */
    CompletableFuture<Session> retrieve(String sessionId, RequestScope scope);

    /** The session's summary, without its history. */
    default CompletableFuture<SessionSummary> summary(String sessionId) {
        return summary(sessionId, RequestScope.NONE);
    }

    /** The session's summary, under {@code scope}'s organization and project. */
    CompletableFuture<SessionSummary> summary(String sessionId, RequestScope scope);

    /** Deletes the session; the future completes with null. Later calls on it fail with {@code NotFoundException}. */
    default CompletableFuture<Void> delete(String sessionId) {
        return delete(sessionId, RequestScope.NONE);
    }

    /** Deletes the session under {@code scope}'s organization and project. */
    CompletableFuture<Void> delete(String sessionId, RequestScope scope);

    /** Generates the session's title from {@code params}' first message and returns the updated summary. */
    CompletableFuture<SessionSummary> generateTitle(String sessionId, TitleParams params);

    /**
     * One chat turn as a cold publisher: each subscription sends the prompt again, at once. Events arrive as demand
     * allows, ending with {@code onComplete} after {@code ChatEvent.Stop}. A refused call signals its typed
     * {@code ApiException} without waiting for demand ({@code ConflictException} if {@code params}' indexes differ
     * from the session's locked set, {@code NotFoundException} for an unknown session); a stream that breaks or
     * ends early signals a {@code StreamException} after the events that arrived.
     */
    Flow.Publisher<ChatEvent> stream(String sessionId, StreamParams params);

    /** Runs one turn to its end and returns what it left behind (text, thinking, tool uses, usage). */
    CompletableFuture<ChatTurn> ask(String sessionId, StreamParams params);

    /**
     * Runs one turn to its end, passing each event to {@code onEvent} as it arrives (on the client's executor), and
     * returns what it left behind. If {@code onEvent} throws, the turn is stopped and the future fails with that.
     */
    CompletableFuture<ChatTurn> ask(String sessionId, StreamParams params, Consumer<ChatEvent> onEvent);

    /** Creates an unbound session and returns a handle on it. */
    default CompletableFuture<ChatSessionClientAsync> startSession() {
        return startSession(CreateSessionParams.NONE);
    }

    /** Creates a session (see {@link #create(CreateSessionParams)}) and returns a handle on it. */
    CompletableFuture<ChatSessionClientAsync> startSession(CreateSessionParams params);

    /**
     * A handle on an existing session whose bound indexes are not known yet: its first turn learns them (one summary
     * request) unless the turn names its own. No request now.
     */
    default ChatSessionClientAsync session(String sessionId) {
        return session(sessionId, null, RequestScope.NONE);
    }

    /** A handle on an existing session bound to {@code indexIds}, without a request. */
    default ChatSessionClientAsync session(String sessionId, List<String> indexIds) {
        return session(sessionId, indexIds, RequestScope.NONE);
    }

    /**
     * A handle on an existing session bound to {@code indexIds} (null if not known: its first turn learns them), under
     * {@code scope}, without a request.
     */
    ChatSessionClientAsync session(String sessionId, List<String> indexIds, RequestScope scope);

    /** A handle on the session {@code summary} describes (its id and bound indexes), without a request. */
    default ChatSessionClientAsync session(SessionSummary summary) {
        return session(summary, RequestScope.NONE);
    }

    /** A handle on the session {@code summary} describes, under {@code scope}, without a request. */
    default ChatSessionClientAsync session(SessionSummary summary, RequestScope scope) {
        return session(summary.sessionId(), summary.indexIds().orElse(null), scope);
    }

    /**
     * Closes this client and its {@link #sync()} twin: cancels every call and stream still running and, if the client
     * made its HTTP client, closes it. Later calls throw {@link IllegalStateException}. Idempotent; throws no
     * checked exception.
     */
    @Override
    void close();
}

package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ApiException;
import dev.llamachat.ConflictException;
import dev.llamachat.InternalServerException;
import dev.llamachat.LlamaCloudIoException;
import dev.llamachat.NotFoundException;
import dev.llamachat.RateLimitException;
import dev.llamachat.UnauthorizedException;
import dev.llamachat.UnexpectedResponseException;
import dev.llamachat.UnprocessableEntityException;
import dev.llamachat.ValidationError;
import dev.llamachat.testkit.ScriptedResponse;
import dev.llamachat.testkit.SocketPolicy;
import dev.llamachat.testkit.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Futures fail with the same typed exceptions a Kotlin caller sees: wrapped by join() and get() as Java does. */
class TypedErrorsTest extends LoopbackTest {
    private static <T extends Throwable> T joinFailure(CompletableFuture<?> future, Class<T> type) {
        CompletionException error = assertThrows(CompletionException.class, future::join);
        return assertInstanceOf(type, error.getCause());
    }

    @Test
    void joinWrapsTheTypedExceptionInCompletionException() {
        NotFoundException error = joinFailure(async.retrieve("no-such-session"), NotFoundException.class);
        assertEquals(404, error.status());
        assertTrue(error.detail().isPresent());
    }

    @Test
    void getWrapsTheTypedExceptionInExecutionException() {
        CompletableFuture<?> future = async.summary("no-such-session");
        ExecutionException error = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(NotFoundException.class, error.getCause());
        assertTrue(future.isCompletedExceptionally());
        assertFalse(future.isCancelled());
    }

    @Test
    void theFutureItselfHoldsTheTypedExceptionUnwrapped() {
        Throwable direct = async.summary("no-such-session").handle((summary, failure) -> failure).join();
        assertInstanceOf(NotFoundException.class, direct);
        Throwable viaExceptionally = async.retrieve("no-such-session").thenApply(session -> (Throwable) null)
            .exceptionally(failure -> failure instanceof CompletionException ? failure.getCause() : failure)
            .join();
        assertInstanceOf(NotFoundException.class, viaExceptionally);
    }

    @Test
    void aWrongKeyIsUnauthorizedAndNeverShowsTheKey() {
        try (LlamaCloudChatClientAsync wrong = TestClients.asyncBuilder(server).apiKey("sk-wrong-secret").build()) {
            UnauthorizedException error = joinFailure(wrong.create(), UnauthorizedException.class);
            assertEquals(401, error.status());
            assertFalse(error.getMessage().contains("sk-wrong-secret"));
            assertFalse(error.toString().contains("sk-wrong-secret"));
        }
    }

    @Test
    void rateLimitingCarriesRetryAfter() {
        server.enqueue(ScriptedResponse.status(429).withHeader("Retry-After", "7"), Endpoint.CREATE, 1);
        RateLimitException error = joinFailure(async.create(), RateLimitException.class);
        assertEquals(Optional.of(Duration.ofSeconds(7)), error.retryAfter());
    }

    @Test
    void serverFailuresAreInternalServerExceptions() {
        server.enqueue(ScriptedResponse.status(503).withBody("application/json", "{\"detail\":\"maintenance\"}"), Endpoint.LIST, 1);
        InternalServerException error = joinFailure(async.listPage(), InternalServerException.class);
        assertEquals(503, error.status());
        assertEquals(Optional.of("maintenance"), error.detail());
    }

    @Test
    void anErrorReadsLikeTheModels() {
        String body = "{\"detail\":[{\"loc\":[\"body\",\"index_ids\",0],\"msg\":\"Field required\",\"type\":\"missing\"}]}";
        server.enqueue(ScriptedResponse.status(422).withHeader("X-RateLimit-Remaining", "3").withBody("application/json", body), Endpoint.CREATE, 1);
        UnprocessableEntityException error = joinFailure(async.create(), UnprocessableEntityException.class);
        assertEquals(422, error.status());
        assertEquals(List.of(new ValidationError(List.of("body", "index_ids", "0"), "Field required", "missing")), error.validationErrors());
        assertEquals(List.of("3"), error.headers().get("x-ratelimit-remaining"));
        assertEquals(Optional.of("3"), error.header("X-RateLimit-Remaining"));
        assertEquals(Optional.empty(), error.header("x-absent"));
        assertEquals(Optional.of(body), error.body());
    }

    @Test
    void aSuccessThatIsNotTheApisShapeIsAnUnexpectedResponse() {
        server.enqueue(ScriptedResponse.status(200).withBody("text/html", "<html>portal</html>"), Endpoint.SUMMARY, 1);
        UnexpectedResponseException error = joinFailure(async.summary("any"), UnexpectedResponseException.class);
        assertEquals(200, error.status());
        assertEquals(Optional.of("text/html"), error.contentType());
    }

    @Test
    void otherStatusesAreApiExceptions() {
        server.enqueue(ScriptedResponse.status(418), Endpoint.SUMMARY, 1);
        ApiException error = joinFailure(async.summary("any"), ApiException.class);
        assertEquals(418, error.status());
    }

    @Test
    void aDroppedConnectionIsAnIoException() {
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart()), Endpoint.RETRIEVE, 1);
        joinFailure(async.retrieve("any"), LlamaCloudIoException.class);
    }

    @Test
    void aSecondTurnRunningOnTheSessionIsAConflict() throws Exception {
        String id = async.create().join().sessionId();
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM, 1);
        RecordingSubscriber<dev.llamachat.ChatEvent> first = new RecordingSubscriber<>();
        async.stream(id, TestClients.turn("bench:5")).subscribe(first);
        first.request(1);
        first.awaitItem();
        ConflictException error = joinFailure(async.ask(id, TestClients.turn("bench:5")), ConflictException.class);
        assertEquals(409, error.status());
        first.cancel();
        assertTrue(server.awaitIdle(TestClients.IDLE));
    }
}

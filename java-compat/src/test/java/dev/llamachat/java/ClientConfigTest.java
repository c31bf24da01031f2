package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatEvent;
import dev.llamachat.EventTooLargeException;
import dev.llamachat.LlamaCloudTimeoutException;
import dev.llamachat.StreamIdleTimeoutException;
import dev.llamachat.ktor.LlamaCloudChat;
import dev.llamachat.ktor.LlamaCloudChatConfig;
import dev.llamachat.testkit.ScriptedResponse;
import dev.llamachat.testkit.SocketPolicy;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The client builder's settings reach the wire, and callbacks run on the caller's executor. */
class ClientConfigTest extends LoopbackTest {
    @Test
    void sendsDefaultHeadersAndTheDefaultProjectWithEveryCall() {
        String project = UUID.randomUUID().toString();
        String org = UUID.randomUUID().toString();
        try (LlamaCloudChatClientAsync chat = TestClients.asyncBuilder(server)
            .putDefaultHeader("X-Team", "research")
            .organizationId(org)
            .projectId(project)
            .build()) {
            String id = chat.create().join().sessionId();
            chat.summary(id).join();
        }
        assertEquals(2, server.getRequests().size());
        for (RecordedRequest request : server.getRequests()) {
            assertEquals("research", request.header("x-team"));
            assertEquals(project, request.queryParameter("project_id"));
            assertEquals(org, request.queryParameter("organization_id"));
        }
        assertEquals(1, server.sessionCount(project));
    }

    @Test
    void aCallsOwnProjectWinsOverTheDefault() {
        String fallback = UUID.randomUUID().toString();
        String own = UUID.randomUUID().toString();
        try (LlamaCloudChatClientAsync chat = TestClients.asyncBuilder(server).projectId(fallback).build()) {
            chat.create(CreateSessionParams.builder().projectId(own).build()).join();
        }
        assertEquals(own, server.takeRequest().queryParameter("project_id"));
    }

    @Test
    void completesFuturesAndCallsSubscribersOnTheGivenExecutor() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "caller-pool"));
        try (LlamaCloudChatClientAsync chat = TestClients.asyncBuilder(server).executor(executor).build()) {
            String id = chat.create().join().sessionId();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            chat.ask(id, TestClients.turn("bench:10"), event -> threads.add(threadName())).join();
            assertEquals(Set.of("caller-pool"), threads);

            String completedOn = chat.summary(id).thenApply(s -> threadName()).join();
            // thenApply runs on the completing thread, or on this one if the future was already complete.
            assertTrue(completedOn.equals("caller-pool") || completedOn.equals(threadName()), completedOn);

            RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
            chat.stream(id, TestClients.turn("bench:10")).subscribe(events);
            events.request(Long.MAX_VALUE);
            events.awaitCompletion();
            assertEquals(Set.of("caller-pool"), events.threads.stream().map(ClientConfigTest::withoutCoroutine).collect(Collectors.toSet()));
        } finally {
            executor.shutdownNow();
        }
        assertTrue(executor.isShutdown(), "the caller's executor is the caller's to shut down");
    }

    @Test
    void aSubscriptionSendsItsTurnFromTheSubscribingThread() throws Exception {
        // Sending the turn takes no task on the executor: a dispatch there would cost the first event a thread wake-up.
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "caller-pool"));
        Executor counting = task -> {
            tasks.incrementAndGet();
            pool.execute(task);
        };
        try (LlamaCloudChatClientAsync chat = TestClients.asyncBuilder(server).executor(counting).build()) {
            String id = chat.create().join().sessionId();
            server.clearRequests();
            server.enqueue(ScriptedResponse.serve().withHeadDelay(Duration.ofSeconds(30)), Endpoint.STREAM, 1);
            int before = tasks.get();
            RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
            chat.stream(id, TestClients.turn("bench:1")).subscribe(events);

            RecordedRequest turn = server.takeRequest();
            assertEquals(Endpoint.STREAM, turn == null ? null : turn.getEndpoint());
            assertEquals(before, tasks.get(), "tasks run on the executor before the turn was sent");
            events.cancel();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The thread's name without the " @coroutine#n" that kotlinx.coroutines' debug mode (on under -ea) appends. */
    private static String threadName() {
        return withoutCoroutine(Thread.currentThread().getName());
    }

    private static String withoutCoroutine(String name) {
        int at = name.indexOf(" @");
        return at < 0 ? name : name.substring(0, at);
    }

    @Test
    void aSlowCallFailsAfterTheRequestTimeout() {
        server.enqueue(ScriptedResponse.serve().withHeadDelay(Duration.ofSeconds(30)), Endpoint.SUMMARY, 1);
        try (LlamaCloudChatClientAsync chat = TestClients.asyncBuilder(server).requestTimeout(Duration.ofMillis(300)).build()) {
            CompletionException error = assertThrows(CompletionException.class, () -> chat.summary("any").join());
            assertInstanceOf(LlamaCloudTimeoutException.class, error.getCause());
        }
    }

    @Test
    void retriesWhatTheServiceAsksToRetry() {
        server.enqueue(ScriptedResponse.status(503).withHeader("retry-after-ms", "10"), Endpoint.CREATE, 2);
        try (LlamaCloudChatClientAsync chat = TestClients.asyncBuilder(server).maxRetries(2).build()) {
            chat.create().join();
        }
        assertEquals(3, TestClients.count(server, Endpoint.CREATE));
    }

    @Test
    void fromEnvReadsTheKeyAndBaseUrl() {
        // Surefire sets LLAMA_CLOUD_API_KEY to the test key and LLAMA_CLOUD_BASE_URL to a port nothing listens on.
        try (LlamaCloudChatClientAsync chat = LlamaCloudChatClientAsync.builder().fromEnv().baseUrl(server.getBaseUrl()).build()) {
            chat.create().join();
        }
        assertEquals("Bearer " + TestClients.KEY, server.takeRequest().header("authorization"));
        try (LlamaCloudChatClientAsync chat = LlamaCloudChatClientAsync.fromEnv()) {
            CompletionException error = assertThrows(CompletionException.class, () -> chat.listPage().join());
            assertInstanceOf(dev.llamachat.LlamaCloudIoException.class, error.getCause(), "the environment's base URL was used");
        }
    }

    @Test
    void buildRejectsInvalidSettingsWithAClearMessage() {
        assertEquals("No API key: call apiKey(...) on the builder, or set LLAMA_CLOUD_API_KEY (or LLAMA_PARSE_API_KEY) "
                + "and use LlamaCloudChatClient.fromEnv() or builder().fromEnv().",
            assertThrows(IllegalArgumentException.class, () -> LlamaCloudChatClientAsync.builder().build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestClients.asyncBuilder(server).baseUrl("ftp://example.com").build());
        String insecure = assertThrows(IllegalArgumentException.class,
            () -> TestClients.asyncBuilder(server).baseUrl("http://example.com").build()).getMessage();
        assertTrue(insecure.contains("allowInsecureHttp"), insecure);
        TestClients.asyncBuilder(server).baseUrl("http://example.com").allowInsecureHttp(true).build().close();
        assertEquals("maxRetries must be in 0..10, was -1",
            assertThrows(IllegalArgumentException.class, () -> TestClients.asyncBuilder(server).maxRetries(-1).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestClients.asyncBuilder(server).requestTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> TestClients.asyncBuilder(server).putDefaultHeader("Authorization", "x").build());
        assertThrows(IllegalArgumentException.class, () -> TestClients.asyncBuilder(server).projectId("not-a-uuid").build());
        assertEquals(0, server.getRequests().size(), "nothing was sent");
    }

    @Test
    void wrapsAKotlinClientWithoutTakingItOver() {
        LlamaCloudChatConfig config = new LlamaCloudChatConfig();
        config.setApiKey(TestClients.KEY);
        config.setBaseUrl(server.getBaseUrl());
        try (LlamaCloudChat kotlinClient = LlamaCloudChat.create(config)) {
            LlamaCloudChatClientAsync first = LlamaCloudChatClientAsync.wrap(kotlinClient);
            String id = first.create().join().sessionId();
            first.close();
            ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "wrapped-pool"));
            try (LlamaCloudChatClientAsync second = LlamaCloudChatClientAsync.wrap(kotlinClient, executor)) {
                assertEquals(id, second.summary(id).join().sessionId(), "the Kotlin client still works after the wrapper closed");
                Set<String> threads = ConcurrentHashMap.newKeySet();
                second.ask(id, TestClients.turn("bench:3"), event -> threads.add(threadName())).join();
                assertEquals(Set.of("wrapped-pool"), threads);
            } finally {
                executor.shutdownNow();
            }
            try (LlamaCloudChatClient blocking = LlamaCloudChatClient.wrap(kotlinClient)) {
                assertEquals(id, blocking.summary(id).sessionId(), "the blocking face wraps it too");
            }
        }
    }

    @Test
    void anEventOverTheLimitFailsTheTurn() {
        try (LlamaCloudChatClientAsync chat = TestClients.asyncBuilder(server).maxEventBytes(200).build()) {
            String id = chat.create(CreateSessionParams.builder().addIndexId("idx-demo").build()).join().sessionId();
            CompletionException error = assertThrows(CompletionException.class,
                () -> chat.ask(id, TestClients.turn("What were the main findings in Q3?", "idx-demo")).join());
            assertEquals(200, assertInstanceOf(EventTooLargeException.class, error.getCause()).limitBytes());
        }
        assertTrue(server.awaitIdle(TestClients.IDLE));
    }

    @Test
    void skipFinalTextLeavesOutTheWholeAnswerEventButNotTheAnswer() throws InterruptedException {
        String whole;
        try (LlamaCloudChatClient chat = TestClients.builder(server).build()) {
            whole = chat.ask(chat.create().sessionId(), TestClients.turn("bench:3000")).text();
        }
        // 1 KiB admits every delta but not the whole answer (tens of KB): only a skipped, unbuffered event passes.
        try (LlamaCloudChatClient chat = TestClients.builder(server).skipFinalText(true).maxEventBytes(1024).build()) {
            List<ChatEvent> events = new ArrayList<>();
            try (EventStream stream = chat.stream(chat.create().sessionId(), TestClients.turn("bench:3000"))) {
                stream.forEach(events::add);
            }
            assertTrue(events.stream().noneMatch(e -> e instanceof ChatEvent.Text), "no whole-answer text event");
            assertInstanceOf(ChatEvent.Stop.class, events.get(events.size() - 1));
            String deltas = events.stream().filter(e -> e instanceof ChatEvent.TextDelta)
                .map(e -> ((ChatEvent.TextDelta) e).content()).collect(Collectors.joining());
            assertEquals(whole, deltas);
            assertTrue(whole.length() > 1024);
            assertEquals(whole, chat.ask(chat.create().sessionId(), TestClients.turn("bench:3000")).text());
        }
        try (LlamaCloudChatClientAsync chat = TestClients.asyncBuilder(server).skipFinalText(true).maxEventBytes(1024).build()) {
            RecordingSubscriber<ChatEvent> subscriber = new RecordingSubscriber<>();
            chat.stream(chat.create().join().sessionId(), TestClients.turn("bench:3000")).subscribe(subscriber);
            subscriber.subscription().request(Long.MAX_VALUE);
            subscriber.awaitCompletion();
            assertEquals(3001, subscriber.received().size(), "the deltas and stop, through the Publisher too");
            assertTrue(subscriber.received().stream().noneMatch(e -> e instanceof ChatEvent.Text));
        }
    }

    @Test
    void aSilentStreamFailsAfterTheIdleTimeout() {
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(2)), Endpoint.STREAM, 1);
        try (LlamaCloudChatClientAsync chat = TestClients.asyncBuilder(server).streamIdleTimeout(Duration.ofMillis(300)).build()) {
            String id = chat.create().join().sessionId();
            try (EventStream events = chat.sync().stream(id, TestClients.turn("bench:10"))) {
                StreamIdleTimeoutException error = assertThrows(StreamIdleTimeoutException.class, () -> events.forEach(e -> { }));
                assertEquals(2, error.eventsReceived());
            }
        }
        assertTrue(server.awaitIdle(TestClients.IDLE));
    }
}

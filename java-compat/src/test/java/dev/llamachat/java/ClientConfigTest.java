package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatEvent;
import dev.llamachat.LlamaCloudTimeoutException;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.Fault;
import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.RecordedRequest;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client builder's settings reach the wire, and callbacks run on the caller's executor. */
class ClientConfigTest {
    private static LocalLlamaCloud server;

    @BeforeAll
    static void start() {
        server = LocalLlamaCloud.start(0, TestClients.KEY);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.clearFaults();
        server.clearRequests();
    }

    @Test
    void sendsDefaultHeadersAndTheDefaultProjectWithEveryCall() {
        String project = UUID.randomUUID().toString();
        String org = UUID.randomUUID().toString();
        try (LlamaCloudChatAsync chat = TestClients.builder(server)
            .putDefaultHeader("X-Team", "research")
            .organizationId(org)
            .projectId(project)
            .build()) {
            String id = chat.create().join().getSessionId();
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
        try (LlamaCloudChatAsync chat = TestClients.builder(server).projectId(fallback).build()) {
            chat.create(CreateSessionParams.builder().projectId(own).build()).join();
        }
        assertEquals(own, server.takeRequest().queryParameter("project_id"));
    }

    @Test
    void completesFuturesAndCallsSubscribersOnTheGivenExecutor() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "caller-pool"));
        try (LlamaCloudChatAsync chat = TestClients.builder(server).executor(executor).build()) {
            String id = chat.create().join().getSessionId();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            chat.ask(id, TestClients.turn("bench:10"), event -> threads.add(Thread.currentThread().getName())).join();
            assertEquals(Set.of("caller-pool"), threads);

            String completedOn = chat.summary(id).thenApply(s -> Thread.currentThread().getName()).join();
            // thenApply runs on the completing thread, or on this one if the future was already complete.
            assertTrue(completedOn.equals("caller-pool") || completedOn.equals(Thread.currentThread().getName()), completedOn);

            RecordingSubscriber<ChatEvent> events = new RecordingSubscriber<>();
            chat.stream(id, TestClients.turn("bench:10")).subscribe(events);
            events.request(Long.MAX_VALUE);
            events.awaitCompletion();
            assertEquals(Set.of("caller-pool"), events.threads);
        } finally {
            executor.shutdownNow();
        }
        assertTrue(executor.isShutdown(), "the caller's executor is the caller's to shut down");
    }

    @Test
    void aSlowCallFailsAfterTheRequestTimeout() {
        server.enqueue(new Fault.Delay(Duration.ofSeconds(30), Duration.ZERO), Endpoint.SUMMARY, 1);
        try (LlamaCloudChatAsync chat = TestClients.builder(server).requestTimeout(Duration.ofMillis(300)).build()) {
            CompletionException error = assertThrows(CompletionException.class, () -> chat.summary("any").join());
            assertInstanceOf(LlamaCloudTimeoutException.class, error.getCause());
        }
    }

    @Test
    void retriesWhatTheServiceAsksToRetry() {
        server.enqueue(new Fault.Status(503, java.util.Map.of("retry-after-ms", "10"), null), Endpoint.CREATE, 2);
        try (LlamaCloudChatAsync chat = TestClients.builder(server).maxRetries(2).build()) {
            chat.create().join();
        }
        assertEquals(3, TestClients.count(server, Endpoint.CREATE));
    }

    @Test
    void fromEnvReadsTheKeyAndBaseUrl() {
        // Surefire sets LLAMA_CLOUD_API_KEY to the test key and LLAMA_CLOUD_BASE_URL to a port nothing listens on.
        try (LlamaCloudChatAsync chat = LlamaCloudChatAsync.builder().fromEnv().baseUrl(server.getBaseUrl()).build()) {
            chat.create().join();
        }
        assertEquals("Bearer " + TestClients.KEY, server.takeRequest().header("authorization"));
        try (LlamaCloudChatAsync chat = LlamaCloudChatAsync.fromEnv()) {
            CompletionException error = assertThrows(CompletionException.class, () -> chat.listPage().join());
            assertInstanceOf(dev.llamachat.LlamaCloudIoException.class, error.getCause(), "the environment's base URL was used");
        }
    }
}

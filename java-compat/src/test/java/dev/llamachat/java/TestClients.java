package dev.llamachat.java;

import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.RecordedRequest;
import java.time.Duration;
import java.util.Arrays;

/** Clients and parameters the Java tests share: every client talks to a testkit server on loopback. */
final class TestClients {
    static final String KEY = "sk-test-0123456789abcdef";
    static final Duration IDLE = Duration.ofSeconds(10);

    private TestClients() {
    }

    /** A builder aimed at [server], with the test key and no retries (a fault fails the call it hits). */
    static LlamaCloudChatAsync.Builder builder(LocalLlamaCloud server) {
        return LlamaCloudChatAsync.builder().apiKey(KEY).baseUrl(server.getBaseUrl()).maxRetries(0);
    }

    static LlamaCloudChatAsync client(LocalLlamaCloud server) {
        return builder(server).build();
    }

    /** A turn with [prompt] on [indexIds]. */
    static StreamParams turn(String prompt, String... indexIds) {
        return StreamParams.builder().prompt(prompt).indexIds(Arrays.asList(indexIds)).build();
    }

    /** Waits until no turn runs on [server] (its streams may still be open). */
    static void awaitNoRunningTurns(LocalLlamaCloud server) {
        if (!server.awaitNoRunningTurns(IDLE)) throw new AssertionError("turns were still running after " + IDLE);
    }

    /** How many requests [server] received for [endpoint]. */
    static long count(LocalLlamaCloud server, Endpoint endpoint) {
        return server.getRequests().stream().map(RecordedRequest::getEndpoint).filter(e -> e == endpoint).count();
    }
}

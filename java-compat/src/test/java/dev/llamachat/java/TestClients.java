package dev.llamachat.java;

import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.RecordedRequest;
import java.time.Duration;
import org.reactivestreams.tck.TestEnvironment;
import java.util.Arrays;

/** Clients and parameters the Java tests share: every client talks to a testkit server on loopback. */
final class TestClients {
    static final String KEY = "sk-test-0123456789abcdef";
    static final Duration IDLE = Duration.ofSeconds(10);

    private TestClients() {
    }

    /** A builder aimed at [server], with the test key and no retries (a fault fails the call it hits). */
    static ClientBuilder<LlamaCloudChatClient> builder(LocalLlamaCloud server) {
        return LlamaCloudChatClient.builder().apiKey(KEY).baseUrl(server.getBaseUrl()).maxRetries(0);
    }

    /** As [builder], for an asynchronous client. */
    static ClientBuilder<LlamaCloudChatClientAsync> asyncBuilder(LocalLlamaCloud server) {
        return LlamaCloudChatClientAsync.builder().apiKey(KEY).baseUrl(server.getBaseUrl()).maxRetries(0);
    }

    /** A blocking client aimed at [server]. */
    static LlamaCloudChatClient client(LocalLlamaCloud server) {
        return builder(server).build();
    }

    /** An asynchronous client aimed at [server]. */
    static LlamaCloudChatClientAsync asyncClient(LocalLlamaCloud server) {
        return asyncBuilder(server).build();
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

    /**
     * The Reactive Streams TCK's environment for one of our publishers, with {@code timeoutMillis} for signals. The poll
     * interval is a second because it is the real deadline of an expected {@code onError} (rule 3.9's among them):
     * TCK 1.0.4's {@code Receptacle.expectError} waits one poll interval, not its timeout (its remaining-time
     * arithmetic ends the loop after the first poll). At 10-20 ms, a busy 2-core machine missed it now and then,
     * and the late {@code onError} then failed the next test.
     */
    static TestEnvironment tckEnvironment(long timeoutMillis) {
        return new TestEnvironment(timeoutMillis, 200, 1_000);
    }
}

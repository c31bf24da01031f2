package dev.llamachat.samples.java;

import dev.llamachat.java.LlamaCloudChatClient;
import dev.llamachat.java.LlamaCloudChatClientAsync;
import java.time.Duration;

/** Making a Java client: from the environment, or every setting in code; blocking, and its asynchronous twin. */
public final class JavaClients {
    private JavaClients() {}

    /**
     * A client from {@code LLAMA_CLOUD_API_KEY} (else {@code LLAMA_PARSE_API_KEY}) and {@code LLAMA_CLOUD_BASE_URL}.
     *
     * @throws IllegalArgumentException if no API key is set
     */
    public static LlamaCloudChatClient fromEnvironment() {
        LlamaCloudChatClient client = LlamaCloudChatClient.fromEnv();
        return client;
    }

    /** A client with every common setting, talking to {@code baseUrl} with {@code apiKey}. */
    public static LlamaCloudChatClient configured(String apiKey, String baseUrl) {
        LlamaCloudChatClient client = LlamaCloudChatClient.builder()
            .apiKey(apiKey)                                    // or .fromEnv() to read the environment first
            .baseUrl(baseUrl)                                  // default https://api.cloud.llamaindex.ai
            .connectTimeout(Duration.ofSeconds(5))
            .requestTimeout(Duration.ofSeconds(30))
            .streamIdleTimeout(Duration.ofMinutes(2))
            .maxRetries(3)
            .putDefaultHeader("X-Request-Source", "llamachat-samples")
            .build();
        return client;
    }

    /** The asynchronous face of {@code client}: the same connections and settings, futures and publishers. */
    public static LlamaCloudChatClientAsync async(LlamaCloudChatClient client) {
        LlamaCloudChatClientAsync async = client.async();              // closing either closes both, once
        return async;
    }
}

package dev.llamachat.samples.java;

import dev.llamachat.java.LlamaCloudChatAsync;
import java.time.Duration;

/** Making a Java client: from the environment, or every setting in code. */
public final class JavaClients {
    private JavaClients() {}

    /**
     * A client from {@code LLAMA_CLOUD_API_KEY} (else {@code LLAMA_PARSE_API_KEY}) and {@code LLAMA_CLOUD_BASE_URL}.
     *
     * @throws IllegalArgumentException if no API key is set
     */
    public static LlamaCloudChatAsync fromEnvironment() {
        // README: java-from-env start
        LlamaCloudChatAsync chat = LlamaCloudChatAsync.fromEnv();
        // README: java-from-env end
        return chat;
    }

    /** A client with every common setting, talking to {@code baseUrl} with {@code apiKey}. */
    public static LlamaCloudChatAsync configured(String apiKey, String baseUrl) {
        // README: java-config start
        LlamaCloudChatAsync chat = LlamaCloudChatAsync.builder()
            .apiKey(apiKey)                                    // or .fromEnv() to read the environment first
            .baseUrl(baseUrl)                                  // default https://api.cloud.llamaindex.ai
            .connectTimeout(Duration.ofSeconds(5))
            .requestTimeout(Duration.ofSeconds(30))
            .streamIdleTimeout(Duration.ofMinutes(2))
            .maxRetries(3)
            .putDefaultHeader("X-Request-Source", "llamachat-samples")
            .build();
        // README: java-config end
        return chat;
    }
}

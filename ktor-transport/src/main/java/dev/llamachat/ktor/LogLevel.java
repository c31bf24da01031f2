package dev.llamachat.ktor;

/**
 * The SDK's log levels (see {@code LlamaCloudChatConfig.logLevel}), each including those above it: {@link #WARN} a
 * call that failed for good (other than a 4xx); {@link #INFO} also each retry and why, and a call a 4xx refused;
 * {@link #DEBUG} also a line per request and per answer. Kotlin also reaches it as
 * {@code LlamaCloudChatConfig.LogLevel}. A Java enum, so that Java sees a plain one (a Kotlin enum adds
 * {@code getEntries()}, which returns a Kotlin type).
 */
public enum LogLevel {
    /** Nothing. */
    OFF,

    /** Calls that failed for good (no connection, a broken or late answer, 5xx). */
    WARN,

    /** Also retries, and calls refused by a 4xx. */
    INFO,

    /** Also every request and answer: {@code --> POST /api/v1/chat}, {@code <-- 200 POST /api/v1/chat (12 ms)}. */
    DEBUG,
}

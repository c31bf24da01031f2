package dev.llamachat.testkit

import dev.llamachat.testkit.internal.ChatServer
import dev.llamachat.testkit.internal.Validation
import java.io.Closeable
import java.time.Duration
import java.util.concurrent.atomic.AtomicBoolean

/**
 * A local LlamaCloud Chat API server: all seven endpoints as docs/wire.md describes them, an in-memory store,
 * built-in indexes ([DEMO_INDEX], [HANDBOOK_INDEX]) and a scripted agent whose streamed turns are deterministic.
 * For tests (scripted responses, socket policies, recorded requests), offline development and the samples.
 *
 * ```java
 * try (LocalLlamaCloud server = LocalLlamaCloud.start()) {
 *     server.enqueue(ScriptedResponse.status(503), Endpoint.CREATE);   // the next create fails once
 *     RecordedRequest request = server.takeRequest(Duration.ofSeconds(5));
 * }
 * ```
 * ```kotlin
 * LocalLlamaCloud.builder().apiKey("test-key").start().use { server -> ... }
 * ```
 * JUnit 5 and Kotest tests can let [dev.llamachat.testkit.junit5.LocalLlamaCloudExtension] or
 * [dev.llamachat.testkit.kotest.LocalLlamaCloudExtension] start and close it.
 *
 * Thread-safe: any number of clients may call it at once. No method suspends: every wait blocks, with a timeout.
 */
public class LocalLlamaCloud private constructor(
    private val server: ChatServer,
    /** The API key every call must carry as `Authorization: Bearer <key>`, or null if any call is accepted. */
    public val apiKey: String?,
) : Closeable {
    private val closed = AtomicBoolean(false)

    /** The port it listens on, on 127.0.0.1. */
    public val port: Int get() = server.port

    /** `http://127.0.0.1:<port>`, without a trailing slash. */
    public val baseUrl: String get() = "http://${ChatServer.HOST}:$port"

    /** [baseUrl] followed by [path] (a `/` is put between them if [path] lacks one). */
    public fun url(path: String): String = if (path.startsWith("/")) baseUrl + path else "$baseUrl/$path"

    /**
     * Queues [response] for the next [times] calls of [endpoint] ([Endpoint.ANY]: of any endpoint). A call takes
     * the oldest queued response that matches it when it arrives; a call nothing queued matches goes to the
     * [Dispatcher].
     * @throws IllegalArgumentException if [times] < 1.
     */
    @JvmOverloads
    public fun enqueue(response: ScriptedResponse, endpoint: Endpoint = Endpoint.ANY, times: Int = 1) {
        server.script.enqueue(response, endpoint, times)
    }

    /** Drops every queued response not yet used. */
    public fun clearQueue() {
        server.script.clear()
    }

    /** Answers every call nothing queued matches with what [dispatcher] returns ([Dispatcher.SERVE] restores the default). */
    public fun setDispatcher(dispatcher: Dispatcher) {
        server.script.dispatcher = dispatcher
    }

    /** Every request received so far, in arrival order (including ones [takeRequest] returned). */
    public val requests: List<RecordedRequest> get() = server.log.all()

    /**
     * The oldest request not yet taken, waiting up to [timeout] for one to arrive; null if none came in time.
     * Requests are recorded as they arrive, before they are answered.
     */
    @JvmOverloads
    public fun takeRequest(timeout: Duration = DEFAULT_TAKE_TIMEOUT): RecordedRequest? = server.log.take(timeout)

    /** Forgets the recorded requests. */
    public fun clearRequests() {
        server.log.clear()
    }

    /** Turns running now: accepted, and neither finished nor ended by a policy or the client leaving. */
    public val runningTurns: Int get() = server.stats.runningTurns

    /** Streamed responses (turns and scripted streams) not yet finished. */
    public val openStreams: Int get() = server.stats.openStreams

    /** How many distinct client TCP connections (remote host and port) have sent requests so far. */
    public val connectionsSeen: Int get() = server.stats.connectionsSeen

    /** How many sessions exist under [projectId] (null: under the default project, used when a call names none). */
    @JvmOverloads
    public fun sessionCount(projectId: String? = null): Int = server.store.count(projectId?.let { Validation.canonicalUuid(it) ?: it } ?: "")

    /** Blocks until no turn is running; false if turns still ran after [timeout]. */
    public fun awaitNoRunningTurns(timeout: Duration): Boolean = server.stats.await(timeout) { it.turns == 0 }

    /** Blocks until no turn runs and no stream is open; false if that did not happen within [timeout]. */
    public fun awaitIdle(timeout: Duration): Boolean = server.stats.await(timeout) { it.turns == 0 && it.streams == 0 }

    /** Stops the server: running turns end, connections close and the port is free. Idempotent. */
    override fun close() {
        if (closed.compareAndSet(false, true)) server.close()
    }

    override fun toString(): String = "LocalLlamaCloud($baseUrl)"

    /** How to start a [LocalLlamaCloud]; from [LocalLlamaCloud.builder]. Not thread-safe. */
    public class Builder internal constructor() {
        private var port = 0
        private var apiKey: String? = null
        private var keepAliveInterval: Duration? = null
        private var tokenDelay: Duration = Duration.ZERO

        /** The port on 127.0.0.1 (0, the default: a free port). */
        public fun port(port: Int): Builder = apply {
            require(port in 0..65535) { "port must be in 0..65535, was $port" }
            this.port = port
        }

        /** If set, every call without `Authorization: Bearer <apiKey>` gets 401 (default: any call is accepted). */
        public fun apiKey(apiKey: String?): Builder = apply { this.apiKey = apiKey?.takeIf { it.isNotEmpty() } }

        /** If set, a stream silent this long (while paced or delayed) gets a `: keep-alive` comment (default: never). */
        public fun keepAliveInterval(interval: Duration?): Builder = apply {
            require(interval == null || (!interval.isNegative && !interval.isZero)) { "keepAliveInterval must be positive" }
            keepAliveInterval = interval
        }

        /** The pause before each streamed delta of the scripted agent (default ZERO: as fast as possible), so demos look live. */
        public fun tokenDelay(delay: Duration): Builder = apply {
            require(!delay.isNegative) { "tokenDelay must not be negative" }
            tokenDelay = delay
        }

        /**
         * Starts the server and returns once it accepts connections.
         * @throws java.io.IOException if the port cannot be bound.
         */
        public fun start(): LocalLlamaCloud = LocalLlamaCloud(ChatServer(port, apiKey, keepAliveInterval, tokenDelay), apiKey)
    }

    public companion object {
        /** The built-in index of quarterly reports (findings per quarter, Q1 to Q4 2025). */
        public const val DEMO_INDEX: String = "idx-demo"

        /** The built-in index of an employee handbook (time off, remote work, expenses, security). */
        public const val HANDBOOK_INDEX: String = "idx-handbook"

        private val DEFAULT_TAKE_TIMEOUT: Duration = Duration.ofSeconds(10)

        /** A builder for a server with options (port, API key, keep-alives, pacing). */
        @JvmStatic
        public fun builder(): Builder = Builder()

        /** Starts a server on a free port of 127.0.0.1 that accepts any call; the same as `builder().start()`. */
        @JvmStatic
        public fun start(): LocalLlamaCloud = builder().start()
    }
}

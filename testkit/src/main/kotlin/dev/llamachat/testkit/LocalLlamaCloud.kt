package dev.llamachat.testkit

import dev.llamachat.testkit.internal.ChatServer
import dev.llamachat.testkit.internal.Validation
import java.io.Closeable
import java.time.Duration
import java.util.concurrent.atomic.AtomicBoolean
import kotlinx.coroutines.runBlocking

/**
 * A local LlamaCloud Chat API server: all seven endpoints exactly as spec/WIRE.md describes them, an in-memory
 * store, built-in indexes ([DEMO_INDEX], [HANDBOOK_INDEX]) and a scripted agent whose streamed turns are
 * deterministic. For tests (faults, recorded requests), offline development and the samples.
 *
 * ```kotlin
 * LocalLlamaCloud.start().use { server ->
 *     val chat = LlamaCloudChat { baseUrl = server.baseUrl; apiKey = "any" }
 *     server.enqueue(Fault.Status(503), Endpoint.CREATE)   // the next create fails once
 * }
 * ```
 * From Java: `try (LocalLlamaCloud server = LocalLlamaCloud.start()) { ... }`.
 *
 * Thread-safe: any number of clients may call it at once.
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
     * Arms [fault] for the next [times] calls of [endpoint] ([Endpoint.ANY]: of any endpoint). Faults apply in
     * the order they were armed; see [Fault] for when each kind is taken.
     * @throws IllegalArgumentException if [times] < 1, or a stream-only fault is aimed at another endpoint.
     */
    @JvmOverloads
    public fun enqueue(fault: Fault, endpoint: Endpoint = Endpoint.ANY, times: Int = 1) {
        server.faults.enqueue(fault, endpoint, times)
    }

    /** Disarms every fault not yet used. */
    public fun clearFaults() {
        server.faults.clear()
    }

    /** Every request received so far, in arrival order (including ones [takeRequest] returned). */
    public val requests: List<RecordedRequest> get() = server.log.all()

    /** The oldest request not yet taken, or null if all were taken. */
    public fun takeRequest(): RecordedRequest? = server.log.take()

    /** Forgets the recorded requests. */
    public fun clearRequests() {
        server.log.clear()
    }

    /** Turns running now: accepted, and neither finished nor ended by a fault or the client leaving. */
    public val runningTurns: Int get() = server.stats.runningTurns

    /** Stream responses not yet finished. */
    public val openStreams: Int get() = server.stats.openStreams

    /** How many distinct client TCP connections (remote host and port) have sent requests so far. */
    public val connectionsSeen: Int get() = server.stats.connectionsSeen

    /** How many sessions exist under [projectId] (null: under the default project, used when a call names none). */
    @JvmOverloads
    public fun sessionCount(projectId: String? = null): Int = server.store.count(projectId?.let { Validation.canonicalUuid(it) ?: it } ?: "")

    /**
     * Suspends until no turn is running. Cancellable.
     * @throws IllegalStateException if turns are still running after [timeout].
     */
    public suspend fun awaitNoRunningTurns(timeout: Duration) {
        check(server.stats.await(timeout.toMillis()) { it.turns == 0 }) {
            "$runningTurns turns were still running after $timeout"
        }
    }

    /** Blocks until no turn runs and no stream is open; false if that did not happen within [timeout]. */
    public fun awaitIdle(timeout: Duration): Boolean =
        runBlocking { server.stats.await(timeout.toMillis()) { it.turns == 0 && it.streams == 0 } }

    /** Stops the server: running turns end, connections close and the port is free. Idempotent. */
    override fun close() {
        if (closed.compareAndSet(false, true)) server.close()
    }

    override fun toString(): String = "LocalLlamaCloud($baseUrl)"

    public companion object {
        /** The built-in index of quarterly reports (findings per quarter, Q1 to Q4 2025). */
        public const val DEMO_INDEX: String = "idx-demo"

        /** The built-in index of an employee handbook (time off, remote work, expenses, security). */
        public const val HANDBOOK_INDEX: String = "idx-handbook"

        /**
         * Starts a server on 127.0.0.1:[port] (0: a free port) and returns once it accepts connections.
         *
         * @param apiKey if set, every call without `Authorization: Bearer <apiKey>` gets 401.
         * @param keepAliveInterval if set, a stream that is silent this long (while paced or delayed) gets a
         *   `: keep-alive` comment.
         * @param tokenDelay the pause before each streamed delta of the scripted agent (ZERO: as fast as
         *   possible), so demos look live. Bench turns (`bench:<N>`) ignore it.
         * @throws java.io.IOException if the port cannot be bound.
         */
        @JvmStatic
        @JvmOverloads
        public fun start(
            port: Int = 0,
            apiKey: String? = null,
            keepAliveInterval: Duration? = null,
            tokenDelay: Duration = Duration.ZERO,
        ): LocalLlamaCloud {
            require(port in 0..65535) { "port must be in 0..65535, was $port" }
            require(keepAliveInterval == null || (!keepAliveInterval.isNegative && !keepAliveInterval.isZero)) {
                "keepAliveInterval must be positive"
            }
            require(!tokenDelay.isNegative) { "tokenDelay must not be negative" }
            return LocalLlamaCloud(ChatServer(port, apiKey, keepAliveInterval, tokenDelay), apiKey)
        }
    }
}

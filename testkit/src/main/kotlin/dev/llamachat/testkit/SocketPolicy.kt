package dev.llamachat.testkit

import dev.llamachat.testkit.internal.SocketPolicyKind

/**
 * How the connection behaves while a [ScriptedResponse] is sent: whether the response is sent whole, ends early,
 * stalls, or the connection drops. Independent of what is sent, so any body can be combined with any policy.
 *
 * "Events" are the units of a streamed body: the turn's events (or the frames of [ScriptedResponse.stream]),
 * inserted frames included, keep-alive comments excluded; a body that is not streamed is one unit.
 *
 * ```java
 * server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAfterEvents(3)), Endpoint.STREAM);
 * ```
 *
 * A TCP reset (RST) is not offered: Ktor's CIO engine gives no access to the socket's linger option; a test that
 * needs one needs a raw socket.
 */
public class SocketPolicy private constructor(
    @get:JvmSynthetic internal val kind: SocketPolicyKind,
    @get:JvmSynthetic internal val count: Long,
) {

    /** Whether this policy counts events (it then needs a streamed body to mean anything beyond "the whole body"). */
    @get:JvmSynthetic internal val afterEvents: Int? get() = when (kind) {
        SocketPolicyKind.END_AFTER_EVENTS, SocketPolicyKind.DISCONNECT_AFTER_EVENTS, SocketPolicyKind.STALL_AFTER_EVENTS -> count.toInt()
        else -> null
    }

    override fun equals(other: Any?): Boolean = other is SocketPolicy && other.kind == kind && other.count == count

    override fun hashCode(): Int = kind.hashCode() * 31 + count.hashCode()

    override fun toString(): String = when (kind) {
        SocketPolicyKind.KEEP_OPEN -> "keepOpen"
        SocketPolicyKind.DISCONNECT_AT_START -> "disconnectAtStart"
        SocketPolicyKind.NO_RESPONSE -> "noResponse"
        SocketPolicyKind.END_AFTER_EVENTS -> "endAfterEvents($count)"
        SocketPolicyKind.DISCONNECT_AFTER_EVENTS -> "disconnectAfterEvents($count)"
        SocketPolicyKind.DISCONNECT_AFTER_BYTES -> "disconnectAfterBytes($count)"
        SocketPolicyKind.STALL_AFTER_EVENTS -> "stallAfterEvents($count)"
    }

    public companion object {
        private val KEEP_OPEN = SocketPolicy(SocketPolicyKind.KEEP_OPEN, 0)
        private val DISCONNECT_AT_START = SocketPolicy(SocketPolicyKind.DISCONNECT_AT_START, 0)
        private val NO_RESPONSE = SocketPolicy(SocketPolicyKind.NO_RESPONSE, 0)

        /** The response is sent whole and the connection stays usable (the default). */
        @JvmStatic
        public fun keepOpen(): SocketPolicy = KEEP_OPEN

        /** The request is read, then the connection is closed before any byte of a response. */
        @JvmStatic
        public fun disconnectAtStart(): SocketPolicy = DISCONNECT_AT_START

        /** The request is read, then nothing is sent (not even the status line) until the client leaves. */
        @JvmStatic
        public fun noResponse(): SocketPolicy = NO_RESPONSE

        /**
         * After [events] events the response ends cleanly: a well-formed body that lacks the rest (a turn without its
         * `stop`), sent with `Connection: close`.
         */
        @JvmStatic
        public fun endAfterEvents(events: Int): SocketPolicy = SocketPolicy(SocketPolicyKind.END_AFTER_EVENTS, nonNegative(events, "events"))

        /** After [events] events the connection is closed mid-body, as a network failure would. */
        @JvmStatic
        public fun disconnectAfterEvents(events: Int): SocketPolicy =
            SocketPolicy(SocketPolicyKind.DISCONNECT_AFTER_EVENTS, nonNegative(events, "events"))

        /** After [bytes] bytes of the body (possibly mid-event) the connection is closed mid-body. */
        @JvmStatic
        public fun disconnectAfterBytes(bytes: Long): SocketPolicy = SocketPolicy(SocketPolicyKind.DISCONNECT_AFTER_BYTES, nonNegative(bytes, "bytes"))

        /**
         * After the head and [events] events nothing more is sent (no keep-alives) until the client leaves or the
         * server closes; a turn stays running (its session locked) meanwhile.
         */
        @JvmStatic
        public fun stallAfterEvents(events: Int): SocketPolicy = SocketPolicy(SocketPolicyKind.STALL_AFTER_EVENTS, nonNegative(events, "events"))

        private fun nonNegative(value: Int, name: String): Long {
            require(value >= 0) { "$name must not be negative, was $value" }
            return value.toLong()
        }

        private fun nonNegative(value: Long, name: String): Long {
            require(value >= 0) { "$name must not be negative, was $value" }
            return value
        }
    }
}

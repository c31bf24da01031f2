package dev.llamachat.testkit.internal

import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy

/**
 * How one streamed body is sent: its own events ([frames], read lazily), the frames inserted among them, the
 * socket policy, the pacing, and (for the server's own turns) where the turn fails.
 */
internal class StreamPlan(
    val frames: Iterator<ByteArray>,
    /** Whether the token delay applies before own event [index] (the agent's deltas). */
    val paced: (index: Int) -> Boolean,
    val tokenDelayNanos: Long,
    val scripted: ScriptedResponse,
    val keepAliveNanos: Long?,
    /** Where the turn fails (after that many own events) and the error `stop` frame it then sends; null: it does not. */
    val failure: Failure? = null,
) {
    class Failure(val afterEvents: Int, val error: String, val stopFrame: ByteArray)

    val policy: SocketPolicy get() = scripted.socketPolicy

    /** The pause before every own event after the first, or null for [tokenDelayNanos] before paced events. */
    val intervalNanos: Long? get() = scripted.eventInterval?.toNanos()

    /** Frames to insert, by position, in the order they were added. */
    val insertions: Map<Int, List<ByteArray>> = scripted.insertions.groupBy({ it.afterEvents }, { it.frame })

    /** Whether the response must announce `Connection: close` (it ends early but cleanly). */
    val closesConnection: Boolean get() = policy.kind == SocketPolicyKind.END_AFTER_EVENTS
}

/** How far a stream got, read when its turn is recorded. */
internal class StreamProgress {
    /** Own events written so far. */
    @Volatile var sent: Int = 0

    /** Whether every own event was written. */
    @Volatile var complete: Boolean = false

    /** Why the stream ended early, when a policy or a failure ended it. */
    @Volatile var error: String? = null
}

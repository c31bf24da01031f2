package dev.llamachat.ktor.internal

import dev.llamachat.internal.DeadlineTimer
import java.time.Clock
import java.util.function.DoubleSupplier
import kotlin.random.Random

/**
 * What a client's timeouts and retry waits are measured with and how they are made. Every client made through
 * the public API gets these defaults; the SDK's own tests pass theirs (waits recorded instead of made, a fixed
 * jitter or clock, deadlines in virtual time) so that timing tests are exact and take no time, without a test seam
 * on the public [dev.llamachat.ktor.LlamaCloudChatConfig].
 *
 * @param jitter values in [0, 1); the backoff is scaled by `1 - 0.25 * value`.
 * @param clock what `Retry-After` dates are measured against.
 * @param deadlines what enforces the request timeout, the stream idle timeout and the drain after `stop`.
 */
internal class Timing(
    val sleeper: RetrySleeper = RetrySleeper.DELAY,
    val jitter: DoubleSupplier = DoubleSupplier { Random.nextDouble() },
    val clock: Clock = Clock.systemUTC(),
    val deadlines: DeadlineTimer = DeadlineTimer.SYSTEM,
)

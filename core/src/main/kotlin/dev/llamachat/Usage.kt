package dev.llamachat

import java.util.Optional
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * What one chat turn cost, carried by [ChatEvent.Stop].
 *
 * @property durationMs how long the turn took, in milliseconds.
 * @property totalInputTokens input tokens, or null when not reported.
 * @property totalOutputTokens output tokens, or null when not reported.
 * @property turns how many turns the session has had, this one included.
 */
@Serializable
public data class Usage(
    @SerialName("duration_ms") val durationMs: Double = 0.0,
    @SerialName("total_input_tokens") val totalInputTokens: Long? = null,
    @SerialName("total_output_tokens") val totalOutputTokens: Long? = null,
    @SerialName("turns") val turns: Long = 0,
) {
    /** [totalInputTokens] for Java callers. */
    public fun totalInputTokens(): Optional<Long> = Optional.ofNullable(totalInputTokens)

    /** [totalOutputTokens] for Java callers. */
    public fun totalOutputTokens(): Optional<Long> = Optional.ofNullable(totalOutputTokens)
}

package dev.llamachat

import java.util.Optional
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * Token usage and status of a session's most recent run, as reported in a [SessionSummary].
 *
 * @property durationMs how long the last run took, in milliseconds.
 * @property error why the last run failed, or null.
 * @property exportConfigIds export configurations used by the run, or null.
 * @property isError whether the last run failed.
 * @property totalInputTokens input tokens of the last run, or null when not reported.
 * @property totalOutputTokens output tokens of the last run, or null when not reported.
 * @property turns how many turns the session has had.
 */
@Serializable
public data class JobMetadata(
    @SerialName("duration_ms") val durationMs: Double = 0.0,
    @SerialName("error") val error: String? = null,
    @SerialName("export_config_ids") val exportConfigIds: List<String>? = null,
    @SerialName("is_error") val isError: Boolean = false,
    @SerialName("total_input_tokens") val totalInputTokens: Long? = null,
    @SerialName("total_output_tokens") val totalOutputTokens: Long? = null,
    @SerialName("turns") val turns: Long = 0,
) {
    /** [error] for Java callers. */
    public fun error(): Optional<String> = Optional.ofNullable(error)

    /** [exportConfigIds] for Java callers. */
    public fun exportConfigIds(): Optional<List<String>> = Optional.ofNullable(exportConfigIds)

    /** [totalInputTokens] for Java callers. */
    public fun totalInputTokens(): Optional<Long> = Optional.ofNullable(totalInputTokens)

    /** [totalOutputTokens] for Java callers. */
    public fun totalOutputTokens(): Optional<Long> = Optional.ofNullable(totalOutputTokens)
}

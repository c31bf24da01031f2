package dev.llamachat

import dev.llamachat.internal.EMPTY_JSON
import dev.llamachat.internal.JavaJson
import dev.llamachat.internal.extrasText
import dev.llamachat.internal.optional
import java.util.Objects
import java.util.Optional
import java.util.OptionalDouble
import java.util.OptionalLong
import kotlinx.serialization.json.JsonObject

/**
 * Token usage and status of a session's most recent run, as reported in a [SessionSummary]. Every field is
 * optional on the wire: one the service did not report is null (Java: an empty optional), never 0 or false.
 *
 * Java sees `durationMs()`, `error()`, `exportConfigIds()`, `isError()`, `totalInputTokens()`,
 * `totalOutputTokens()`, `turns()` and `additionalProperties()`.
 *
 * @property durationMs how long the last run took, in milliseconds (a JSON number, so it may have a fraction).
 * @property error why the last run failed.
 * @property exportConfigIds export configurations used by the run.
 * @property isError whether the last run failed.
 * @property totalInputTokens input tokens of the last run.
 * @property totalOutputTokens output tokens of the last run.
 * @property turns how many turns the session has had.
 * @property additionalProperties fields this SDK does not know yet, kept as they came and written back on encode.
 */
public class JobMetadata private constructor(
    @get:JvmSynthetic public val durationMs: Double?,
    @get:JvmSynthetic public val error: String?,
    @get:JvmSynthetic public val exportConfigIds: List<String>?,
    @get:JvmSynthetic @get:JvmName("isErrorOrNull") public val isError: Boolean?,
    @get:JvmSynthetic public val totalInputTokens: Long?,
    @get:JvmSynthetic public val totalOutputTokens: Long?,
    @get:JvmSynthetic public val turns: Long?,
    @get:JvmSynthetic public val additionalProperties: JsonObject,
) {
    /** Job metadata with the given fields; absent ones stay null. */
    public constructor(
        durationMs: Double? = null,
        error: String? = null,
        exportConfigIds: List<String>? = null,
        isError: Boolean? = null,
        totalInputTokens: Long? = null,
        totalOutputTokens: Long? = null,
        turns: Long? = null,
    ) : this(durationMs, error, exportConfigIds, isError, totalInputTokens, totalOutputTokens, turns, EMPTY_JSON)

    /** This job metadata with [properties] as its [additionalProperties]. */
    @JvmSynthetic
    public fun withAdditionalProperties(properties: JsonObject): JobMetadata = JobMetadata(
        durationMs, error, exportConfigIds, isError, totalInputTokens, totalOutputTokens, turns, properties,
    )

    /** [durationMs] for Java callers. */
    public fun durationMs(): OptionalDouble = durationMs.optional()

    /** [error] for Java callers. */
    public fun error(): Optional<String> = Optional.ofNullable(error)

    /** [exportConfigIds] for Java callers. */
    public fun exportConfigIds(): Optional<List<String>> = Optional.ofNullable(exportConfigIds)

    /** [isError] for Java callers. */
    public fun isError(): Optional<Boolean> = Optional.ofNullable(isError)

    /** [totalInputTokens] for Java callers. */
    public fun totalInputTokens(): OptionalLong = totalInputTokens.optional()

    /** [totalOutputTokens] for Java callers. */
    public fun totalOutputTokens(): OptionalLong = totalOutputTokens.optional()

    /** [turns] for Java callers. */
    public fun turns(): OptionalLong = turns.optional()

    /** [additionalProperties] for Java callers, as plain Java values (see [ChatEvent.ToolCall.arguments]). */
    public fun additionalProperties(): Map<String, Any?> = JavaJson.map(additionalProperties)

    override fun equals(other: Any?): Boolean = other is JobMetadata && durationMs == other.durationMs &&
        error == other.error && exportConfigIds == other.exportConfigIds && isError == other.isError &&
        totalInputTokens == other.totalInputTokens && totalOutputTokens == other.totalOutputTokens &&
        turns == other.turns && additionalProperties == other.additionalProperties

    override fun hashCode(): Int = Objects.hash(
        durationMs, error, exportConfigIds, isError, totalInputTokens, totalOutputTokens, turns, additionalProperties,
    )

    override fun toString(): String = "JobMetadata(durationMs=$durationMs, error=$error, " +
        "exportConfigIds=$exportConfigIds, isError=$isError, totalInputTokens=$totalInputTokens, " +
        "totalOutputTokens=$totalOutputTokens, turns=$turns${extrasText(additionalProperties)})"
}

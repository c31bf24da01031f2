package dev.llamachat

import dev.llamachat.internal.EMPTY_JSON
import dev.llamachat.internal.JavaJson
import dev.llamachat.internal.extrasText
import dev.llamachat.internal.optional
import java.util.Objects
import java.util.OptionalDouble
import java.util.OptionalLong
import kotlinx.serialization.json.JsonObject

/**
 * What one chat turn cost, carried by [ChatEvent.Stop]. Every field is optional on the wire: one the service did
 * not report is null (Java: an empty optional), never 0.
 *
 * Java sees `durationMs()`, `totalInputTokens()`, `totalOutputTokens()`, `turns()` and `additionalProperties()`.
 *
 * @property durationMs how long the turn took, in milliseconds (a JSON number, so it may have a fraction).
 * @property totalInputTokens input tokens.
 * @property totalOutputTokens output tokens.
 * @property turns how many turns the session has had, this one included.
 * @property additionalProperties fields this SDK does not know yet, kept as they came and written back on encode.
 */
public class Usage private constructor(
    @get:JvmSynthetic public val durationMs: Double?,
    @get:JvmSynthetic public val totalInputTokens: Long?,
    @get:JvmSynthetic public val totalOutputTokens: Long?,
    @get:JvmSynthetic public val turns: Long?,
    @get:JvmSynthetic public val additionalProperties: JsonObject,
) {
    /** A usage with the given fields; absent ones stay null. */
    @JvmOverloads
    public constructor(
        durationMs: Double? = null,
        totalInputTokens: Long? = null,
        totalOutputTokens: Long? = null,
        turns: Long? = null,
    ) : this(durationMs, totalInputTokens, totalOutputTokens, turns, EMPTY_JSON)

    /** This usage with [properties] as its [additionalProperties]. */
    @JvmSynthetic
    public fun withAdditionalProperties(properties: JsonObject): Usage =
        Usage(durationMs, totalInputTokens, totalOutputTokens, turns, properties)

    /** [durationMs] for Java callers. */
    public fun durationMs(): OptionalDouble = durationMs.optional()

    /** [totalInputTokens] for Java callers. */
    public fun totalInputTokens(): OptionalLong = totalInputTokens.optional()

    /** [totalOutputTokens] for Java callers. */
    public fun totalOutputTokens(): OptionalLong = totalOutputTokens.optional()

    /** [turns] for Java callers. */
    public fun turns(): OptionalLong = turns.optional()

    /** [additionalProperties] for Java callers, as plain Java values (see [ChatEvent.ToolCall.arguments]). */
    public fun additionalProperties(): Map<String, Any?> = JavaJson.map(additionalProperties)

    override fun equals(other: Any?): Boolean = other is Usage && durationMs == other.durationMs &&
        totalInputTokens == other.totalInputTokens && totalOutputTokens == other.totalOutputTokens &&
        turns == other.turns && additionalProperties == other.additionalProperties

    override fun hashCode(): Int = Objects.hash(durationMs, totalInputTokens, totalOutputTokens, turns, additionalProperties)

    override fun toString(): String = "Usage(durationMs=$durationMs, totalInputTokens=$totalInputTokens, " +
        "totalOutputTokens=$totalOutputTokens, turns=$turns${extrasText(additionalProperties)})"
}

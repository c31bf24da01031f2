package dev.llamachat

import java.util.Objects

/**
 * One entry of a 422 response's `detail` list. Java sees `loc()`, `msg()` and `type()`.
 *
 * @property loc where the problem is, for example `["body", "prompt"]` (numbers as text).
 * @property msg what is wrong.
 * @property type the validator's error type, for example `missing`.
 */
// A plain class, not a data class: Java would otherwise see componentN() and copy(...) beside the accessors.
public class ValidationError(
    @get:JvmName("loc") public val loc: List<String>,
    @get:JvmName("msg") public val msg: String,
    @get:JvmName("type") public val type: String,
) {
    override fun equals(other: Any?): Boolean =
        other is ValidationError && loc == other.loc && msg == other.msg && type == other.type

    override fun hashCode(): Int = Objects.hash(loc, msg, type)

    override fun toString(): String = "${loc.joinToString(".")}: $msg"
}

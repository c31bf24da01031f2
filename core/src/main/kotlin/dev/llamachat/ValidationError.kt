package dev.llamachat

/**
 * One entry of a 422 response's `detail` list.
 *
 * @property loc where the problem is, for example `["body", "prompt"]` (numbers as text).
 * @property msg what is wrong.
 * @property type the validator's error type, for example `missing`.
 */
public data class ValidationError(val loc: List<String>, val msg: String, val type: String) {
    override fun toString(): String = "${loc.joinToString(".")}: $msg"
}

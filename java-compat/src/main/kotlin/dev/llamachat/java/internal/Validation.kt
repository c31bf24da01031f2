package dev.llamachat.java.internal

import java.util.Collections

/**
 * Runs a parameter object's checks (core's `Arguments` and the ones below) and names the object in the message,
 * so a Java caller's stack trace says which `build()` refused what: `StreamParams: prompt must not be blank`.
 */
internal inline fun <T> validate(owner: String, check: () -> T): T = try {
    check()
} catch (e: IllegalArgumentException) {
    throw IllegalArgumentException("$owner: ${e.message}", e)
}

/** A required builder value that was never set. */
internal fun <T : Any> required(name: String, value: T?): T =
    value ?: throw IllegalArgumentException("$name is required; set it with $name(...) before build()")

/**
 * An unmodifiable copy of a Java caller's id list. Java can put nulls into a `List<String>`, which Kotlin's types
 * cannot see, so each element is checked here, with its position in the message.
 */
internal fun copyIds(name: String, ids: List<String?>): List<String> {
    val copy = ArrayList<String>(ids.size)
    ids.forEachIndexed { i, id -> copy += id ?: throw IllegalArgumentException("$name[$i] must not be null") }
    return Collections.unmodifiableList(copy)
}

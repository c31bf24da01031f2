package dev.llamachat.internal

import java.util.OptionalDouble
import java.util.OptionalLong
import kotlinx.serialization.json.JsonObject

// Small helpers the public models share for their Java accessors and toString.

/** A nullable long as Java's `OptionalLong`. */
internal fun Long?.optional(): OptionalLong = if (this == null) OptionalLong.empty() else OptionalLong.of(this)

/** A nullable double as Java's `OptionalDouble`. */
internal fun Double?.optional(): OptionalDouble = if (this == null) OptionalDouble.empty() else OptionalDouble.of(this)

/** The `, additionalProperties=...` part of a model's `toString`, or nothing when there are none. */
internal fun extrasText(additionalProperties: JsonObject): String =
    if (additionalProperties.isEmpty()) "" else ", additionalProperties=$additionalProperties"

/** How far a stream got before it failed, for a [dev.llamachat.StreamException]'s message. */
internal fun describe(eventsReceived: Int, lastEventType: String?): String = when {
    eventsReceived == 0 -> "0 events"
    lastEventType == null -> "$eventsReceived events"
    eventsReceived == 1 -> "1 event (last: $lastEventType)"
    else -> "$eventsReceived events (last: $lastEventType)"
}

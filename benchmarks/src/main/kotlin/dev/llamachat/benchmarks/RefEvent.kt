package dev.llamachat.benchmarks

import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json

/**
 * The small event class the reference clients decode each `data:` line into: what a hand-rolled client for
 * this API would write. Only `type` and `content` are read; other fields are skipped.
 *
 * @property type the event's `type`.
 * @property content the `content` of delta and text events, else null.
 */
@Serializable
public class RefEvent(public val type: String, public val content: String? = null) {
    /** The JSON used by every reference client. */
    public companion object {
        private val json = Json { ignoreUnknownKeys = true }

        /** Decodes one event's JSON text. @throws kotlinx.serialization.SerializationException on bad JSON. */
        @JvmStatic
        public fun decode(data: String): RefEvent = json.decodeFromString(serializer(), data)

        /**
         * Decodes the value of an SSE `data:` line, or returns null for any other line: the reference's parsing,
         * which reads one `data` line per event as this API sends it.
         */
        @JvmStatic
        public fun decodeDataLine(line: String): RefEvent? {
            if (!line.startsWith("data:")) return null
            val from = if (line.length > 5 && line[5] == ' ') 6 else 5
            return decode(line.substring(from))
        }
    }
}

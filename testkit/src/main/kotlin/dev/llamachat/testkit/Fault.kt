package dev.llamachat.testkit

import java.time.Duration

/**
 * What [LocalLlamaCloud] does instead of (or while) serving a call, armed with [LocalLlamaCloud.enqueue].
 *
 * A call takes at most one call fault ([Status], [Disconnect], [RawResponse], [Delay]) when it arrives, before
 * the API key is checked, and a stream call takes at most one stream fault ([CutAfter], [MalformedEvent],
 * [UnknownEvent], [EventWithoutType], [Stall], [ErrorStop]) when its turn starts streaming, that is after it
 * passed validation; a turn the server refuses (404, 409, 422) leaves stream faults armed. Event counts
 * ("after K events") count the normal turn's events already written, keep-alive comments excluded.
 *
 * ```kotlin
 * server.enqueue(Fault.Status(429, mapOf("Retry-After" to "1")), Endpoint.CREATE, times = 2)
 * server.enqueue(Fault.CutAfter(3))   // the next stream ends after 3 events, without stop
 * ```
 */
public sealed interface Fault {
    /**
     * Answer with [status], [headers] and [body] instead of serving the call; the default body is
     * `{"detail":"<reason phrase>"}` as JSON. For example 429 with `Retry-After`, or 503 with `x-should-retry`.
     */
    public data class Status @JvmOverloads constructor(
        val status: Int,
        val headers: Map<String, String> = emptyMap(),
        val body: String? = null,
    ) : Fault {
        init {
            require(status in 100..599) { "status must be in 100..599, was $status" }
        }
    }

    /** Close the connection before sending any byte of a response (the request is read first). */
    public data object Disconnect : Fault

    /**
     * Stream only: send the first [events] events of the normal turn, then end without `stop`.
     *
     * @property abort false: the response ends cleanly (a well-formed body that lacks `stop`, with
     *   `Connection: close`); true: the connection is dropped mid-body, as a network failure would.
     */
    public data class CutAfter @JvmOverloads constructor(val events: Int, val abort: Boolean = false) : Fault {
        init {
            require(events >= 0) { "events must not be negative, was $events" }
        }
    }

    /**
     * Stream only: after [afterEvents] normal events, send one event whose data is [data] (by default not valid
     * JSON), then continue the turn normally.
     */
    public data class MalformedEvent @JvmOverloads constructor(
        val afterEvents: Int = 0,
        val data: String = "{\"type\":\"text_delta\",",
    ) : Fault {
        init {
            require(afterEvents >= 0) { "afterEvents must not be negative, was $afterEvents" }
        }
    }

    /**
     * Stream only: after [afterEvents] normal events, insert one event of the unknown [type] (named so in
     * `event:` and in its JSON), then continue the turn normally.
     */
    public data class UnknownEvent @JvmOverloads constructor(val afterEvents: Int = 0, val type: String = "citation") : Fault {
        init {
            require(afterEvents >= 0) { "afterEvents must not be negative, was $afterEvents" }
            require(type.isNotEmpty() && type.none { it == '\n' || it == '\r' }) { "type must be one non-empty line" }
        }
    }

    /**
     * Stream only: after [afterEvents] normal events, insert one extra event whose JSON has no `type`, then
     * continue the turn normally. Its JSON is [data] if given, else a copy of the next normal event without
     * `type`. Its SSE `event:` name is that event's type when [withEventName] is true, and absent otherwise.
     */
    public data class EventWithoutType @JvmOverloads constructor(
        val afterEvents: Int = 0,
        val withEventName: Boolean = false,
        val data: String? = null,
    ) : Fault {
        init {
            require(afterEvents >= 0) { "afterEvents must not be negative, was $afterEvents" }
        }
    }

    /**
     * Wait [beforeFirstByte] before answering, and [betweenEvents] between the events of a stream
     * (instead of the server's token delay). The call is then served normally.
     */
    public data class Delay @JvmOverloads constructor(
        val beforeFirstByte: Duration = Duration.ZERO,
        val betweenEvents: Duration = Duration.ZERO,
    ) : Fault {
        init {
            require(!beforeFirstByte.isNegative && !betweenEvents.isNegative) { "delays must not be negative" }
        }
    }

    /**
     * Stream only: send the headers and [afterEvents] events, then nothing at all (no keep-alives) until the
     * client leaves or the server closes. The turn stays running (and its session locked) meanwhile.
     */
    public data class Stall @JvmOverloads constructor(val afterEvents: Int = 0) : Fault {
        init {
            require(afterEvents >= 0) { "afterEvents must not be negative, was $afterEvents" }
        }
    }

    /**
     * Stream only: after [afterEvents] normal events, end the turn as a failed one: a `stop` whose `is_error`
     * is true and whose `error` is [error] (spec/WIRE.md: "a turn that fails after the stream began").
     */
    public data class ErrorStop @JvmOverloads constructor(val afterEvents: Int = 0, val error: String = "The agent failed") : Fault {
        init {
            require(afterEvents >= 0) { "afterEvents must not be negative, was $afterEvents" }
        }
    }

    /**
     * Answer with exactly [body] as the response body, with [status], [contentType] and [headers]
     * (hostile-server tests: a 200 that is not SSE, an HTML error page, ...).
     */
    public class RawResponse @JvmOverloads constructor(
        /** The response status. */
        public val status: Int,
        /** The `Content-Type` header, sent as given. */
        public val contentType: String,
        /** The body bytes, sent unchanged. */
        public val body: ByteArray,
        /** Further response headers. */
        public val headers: Map<String, String> = emptyMap(),
    ) : Fault {
        init {
            require(status in 100..599) { "status must be in 100..599, was $status" }
        }

        override fun toString(): String = "RawResponse(status=$status, contentType=$contentType, body=${body.size} bytes)"
    }
}

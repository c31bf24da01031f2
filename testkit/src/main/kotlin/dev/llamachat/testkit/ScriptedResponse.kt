package dev.llamachat.testkit

import dev.llamachat.ChatEvent
import dev.llamachat.testkit.internal.FrameInsertion
import dev.llamachat.testkit.internal.ResponseBody
import dev.llamachat.testkit.internal.TurnFailure
import java.time.Duration

/**
 * What [LocalLlamaCloud] answers to one call, queued with [LocalLlamaCloud.enqueue] or returned by a [Dispatcher]:
 * what is sent (the server's own answer, a status with a body, or a scripted stream), plus how it is sent (a
 * [SocketPolicy], a delay before the head, a pause between events). Immutable: each `with...` returns a copy.
 *
 * ```kotlin
 * server.enqueue(ScriptedResponse.status(429).withHeader("Retry-After", "1"), Endpoint.CREATE, times = 2)
 * server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(3)))  // a turn without stop
 * server.enqueue(ScriptedResponse.events(listOf(ChatEvent.TextDelta("hi"), stop)))           // any turn at all
 * ```
 * ```java
 * server.enqueue(ScriptedResponse.serve().withFrameAfter(2, SseFrames.frame("citation", "{\"type\":\"citation\"}")));
 * ```
 *
 * Only [serve] goes through the server's own rules (API key, validation, sessions, the scripted agent); every
 * other response is sent as it is, whatever the request, before the API key is checked.
 */
public class ScriptedResponse private constructor(
    @get:JvmSynthetic internal val body: ResponseBody,
    @get:JvmSynthetic internal val status: Int,
    @get:JvmSynthetic internal val headers: List<Pair<String, String>>,
    @get:JvmSynthetic internal val insertions: List<FrameInsertion>,
    @get:JvmSynthetic internal val turnFailure: TurnFailure?,
    /** How the connection behaves while this is sent. */
    public val socketPolicy: SocketPolicy,
    /** How long the server waits before it sends the status line. */
    public val headDelay: Duration,
    /** The pause before every event after the first, or null for the server's own pacing. */
    public val eventInterval: Duration?,
) {
    /** Adds a response header (after the ones the server sends itself; a `Content-Type` replaces the body's). */
    public fun withHeader(name: String, value: String): ScriptedResponse {
        require(name.isNotEmpty() && name.none { it <= ' ' || it == ':' }) { "not a header name: '$name'" }
        require(value.none { it == '\r' || it == '\n' }) { "a header value must be one line" }
        return copy(headers = headers + (name to value))
    }

    /**
     * Replaces the body by exactly [body], sent with a Content-Length and the Content-Type [contentType] (null:
     * none). Not for [serve], whose body is the server's own.
     */
    public fun withBody(contentType: String?, body: ByteArray): ScriptedResponse {
        check(this.body !is ResponseBody.Serve) { "serve() sends the server's own body; use status(...).withBody(...)" }
        return copy(body = ResponseBody.Fixed(contentType, body.copyOf()))
    }

    /** [withBody] with [body] encoded as UTF-8. */
    public fun withBody(contentType: String?, body: String): ScriptedResponse = withBody(contentType, body.toByteArray(Charsets.UTF_8))

    /**
     * Sends [frame] (raw SSE bytes, see [SseFrames]) after [events] events of the stream, then goes on with it: the one
     * way to add a malformed, unknown or odd event to a turn. Frames added at the same position go out in the order
     * added; a position past the end goes out before the stream ends.
     */
    public fun withFrameAfter(events: Int, frame: ByteArray): ScriptedResponse {
        require(events >= 0) { "events must not be negative, was $events" }
        check(body !is ResponseBody.Fixed) { "frames are inserted into streams, not into a fixed body" }
        return copy(insertions = insertions + FrameInsertion(events, frame.copyOf()))
    }

    /**
     * Only for [serve] on the stream endpoint: after [events] events the agent fails the turn, which ends with a
     * `stop` whose `is_error` is true and whose `error` is [error], as the service reports a turn that fails after its
     * stream began. The session's history records the failure.
     */
    public fun withTurnFailureAfter(events: Int, error: String): ScriptedResponse {
        require(events >= 0) { "events must not be negative, was $events" }
        check(body is ResponseBody.Serve) { "only the server's own turn can fail; script a stop event instead" }
        return copy(turnFailure = TurnFailure(events, error))
    }

    /** Sends this under [policy]. */
    public fun withSocketPolicy(policy: SocketPolicy): ScriptedResponse = copy(socketPolicy = policy)

    /** Waits [delay] before sending the status line. */
    public fun withHeadDelay(delay: Duration): ScriptedResponse {
        require(!delay.isNegative) { "delay must not be negative" }
        return copy(headDelay = delay)
    }

    /** Pauses [interval] before every event after the first (instead of the server's token delay): a throttle. */
    public fun withEventInterval(interval: Duration): ScriptedResponse {
        require(!interval.isNegative) { "interval must not be negative" }
        return copy(eventInterval = interval)
    }

    override fun toString(): String {
        val what = when (body) {
            ResponseBody.Serve -> "serve"
            is ResponseBody.Fixed -> "$status, ${body.bytes.size} bytes"
            is ResponseBody.Stream -> "stream"
        }
        return "ScriptedResponse($what, policy=$socketPolicy, headDelay=$headDelay, eventInterval=$eventInterval, " +
            "headers=${headers.map { it.first }}, insertions=${insertions.size})"
    }

    private fun copy(
        body: ResponseBody = this.body,
        headers: List<Pair<String, String>> = this.headers,
        insertions: List<FrameInsertion> = this.insertions,
        turnFailure: TurnFailure? = this.turnFailure,
        socketPolicy: SocketPolicy = this.socketPolicy,
        headDelay: Duration = this.headDelay,
        eventInterval: Duration? = this.eventInterval,
    ) = ScriptedResponse(body, status, headers, insertions, turnFailure, socketPolicy, headDelay, eventInterval)

    public companion object {
        private val SERVE = ScriptedResponse(ResponseBody.Serve, 200, emptyList(), emptyList(), null, SocketPolicy.keepOpen(), Duration.ZERO, null)

        /** The server's own answer, as if nothing were scripted; combine it with a policy, delays or inserted frames. */
        @JvmStatic
        public fun serve(): ScriptedResponse = SERVE

        /**
         * [status] with the service's error body, `{"detail":"<reason phrase>"}` as JSON; [withBody] replaces it. For
         * example 429 with `Retry-After`, or 503 with `x-should-retry`.
         */
        @JvmStatic
        public fun status(status: Int): ScriptedResponse {
            require(status in 100..599) { "status must be in 100..599, was $status" }
            val detail = "{\"detail\":\"${reasonPhrase(status)}\"}".toByteArray(Charsets.UTF_8)
            return ScriptedResponse(ResponseBody.Fixed("application/json", detail), status, emptyList(), emptyList(), null, SocketPolicy.keepOpen(), Duration.ZERO, null)
        }

        /**
         * 200, `text/event-stream`, whose body is [frames] (raw SSE bytes, see [SseFrames]) one by one, each flushed.
         * Iterated lazily while sending, so it may be long or endless (the client leaving ends it). A
         * `Content-Length` header added with [withHeader] is sent instead of chunked encoding.
         */
        @JvmStatic
        public fun stream(frames: Iterable<ByteArray>): ScriptedResponse =
            ScriptedResponse(ResponseBody.Stream(frames), 200, emptyList(), emptyList(), null, SocketPolicy.keepOpen(), Duration.ZERO, null)

        /** [stream] of [events], each encoded as the service writes it (`event: <type>` and its JSON). */
        @JvmStatic
        public fun events(events: List<ChatEvent>): ScriptedResponse = stream(events.map { SseFrames.event(it) })

        private fun reasonPhrase(status: Int): String = io.ktor.http.HttpStatusCode.fromValue(status).description
    }
}

package dev.llamachat

import dev.llamachat.internal.describe
import java.time.Duration
import java.util.Optional

/**
 * A chat turn's stream failed after it began. Events delivered before the failure stay delivered; nothing is
 * retried after the first event (a turn is not idempotent).
 *
 * Java sees `eventsReceived()` and `lastEventType()` (an `Optional`), and each subclass's values the same way.
 *
 * @property eventsReceived how many events reached the caller before the failure.
 * @property lastEventType the wire type of the last event delivered, or null if none was.
 */
public sealed class StreamException(
    message: String,
    @get:JvmName("eventsReceived") public val eventsReceived: Int,
    @get:JvmSynthetic public val lastEventType: String?,
    cause: Throwable? = null,
) : LlamaCloudException(message, cause) {
    /** [lastEventType] for Java callers. */
    public fun lastEventType(): Optional<String> = Optional.ofNullable(lastEventType)
}

/** The stream ended (the connection closed, or `data: [DONE]`) before the turn's `stop` event. */
public class StreamEndedBeforeStopException(eventsReceived: Int, lastEventType: String?) : StreamException(
    "The stream ended before its stop event, after ${describe(eventsReceived, lastEventType)}. " +
        "The turn may be incomplete; retrieve the session to see what was stored.",
    eventsReceived, lastEventType,
)

/**
 * An event's data was not a JSON object of its type.
 *
 * @property position the 1-based position of the bad event in the stream.
 * @property rawData the event's data as received (cut to 1,000 characters).
 */
public class MalformedEventException(
    @get:JvmName("position") public val position: Int,
    @get:JvmName("rawData") public val rawData: String,
    eventsReceived: Int,
    lastEventType: String?,
    cause: Throwable? = null,
) : StreamException(
    "Event #$position of the stream is malformed (after ${describe(eventsReceived, lastEventType)}): " +
        "${cause?.message?.lineSequence()?.firstOrNull() ?: "not a JSON event"}. Data: ${rawData.take(200)}",
    eventsReceived, lastEventType, cause,
)

/**
 * One event was larger than the decoder's limit; the stream was abandoned rather than buffered without bound.
 *
 * @property limitBytes the limit that was exceeded.
 */
public class EventTooLargeException(
    @get:JvmName("limitBytes") public val limitBytes: Int,
    eventsReceived: Int,
    lastEventType: String?,
) : StreamException(
    "An event exceeded the limit of $limitBytes bytes after ${describe(eventsReceived, lastEventType)}; " +
        "raise maxEventBytes if the server's events are legitimately this large.",
    eventsReceived, lastEventType,
)

/** The connection broke mid-stream; the cause holds the transport's exception. */
public class StreamInterruptedException(
    eventsReceived: Int,
    lastEventType: String?,
    cause: Throwable,
) : StreamException(
    "The stream broke after ${describe(eventsReceived, lastEventType)}: ${cause.message ?: cause.javaClass.simpleName}",
    eventsReceived, lastEventType, cause,
)

/**
 * Nothing, not even a keep-alive comment, arrived for longer than the stream idle timeout.
 *
 * @property idleTimeout the timeout that elapsed.
 */
public class StreamIdleTimeoutException(
    @get:JvmName("idleTimeout") public val idleTimeout: Duration,
    eventsReceived: Int,
    lastEventType: String?,
) : StreamException(
    "The stream was silent for longer than ${idleTimeout.toMillis()} ms after " +
        "${describe(eventsReceived, lastEventType)}; raise the stream idle timeout if turns legitimately pause longer.",
    eventsReceived, lastEventType,
)

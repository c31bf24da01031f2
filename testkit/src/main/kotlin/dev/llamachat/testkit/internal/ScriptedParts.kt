package dev.llamachat.testkit.internal

/**
 * What a [dev.llamachat.testkit.ScriptedResponse] sends as its body. Here rather than nested in it: a Kotlin
 * `internal` type is public to Java, and testkit's Java users should not meet it beside the scripting API.
 */
internal sealed interface ResponseBody {
    /** The server's own answer. */
    object Serve : ResponseBody

    /** Exactly [bytes], with a Content-Length; [contentType] null: no Content-Type header. */
    class Fixed(val contentType: String?, val bytes: ByteArray) : ResponseBody

    /** [frames] one by one, each flushed; `text/event-stream`. Iterated lazily: it may be endless. */
    class Stream(val frames: Iterable<ByteArray>) : ResponseBody
}

/** A frame sent after [afterEvents] events of a stream. */
internal class FrameInsertion(val afterEvents: Int, val frame: ByteArray)

/** The turn fails after [afterEvents] events: an error `stop` carrying [error]. */
internal class TurnFailure(val afterEvents: Int, val error: String)

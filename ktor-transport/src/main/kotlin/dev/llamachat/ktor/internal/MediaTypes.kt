package dev.llamachat.ktor.internal

/** The media types the API answers in, as [BodyReader.accept] names them: `Accept` values, without parameters. */
internal object MediaTypes {
    const val JSON: String = "application/json"
    const val EVENT_STREAM: String = "text/event-stream"
}

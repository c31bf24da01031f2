package dev.llamachat.internal

import dev.llamachat.InternalLlamaChatApi
import kotlinx.serialization.SerializationException

/**
 * Redaction of API keys and bearer tokens in text that came from a server. A proxy or a debugging server may echo
 * the request, `Authorization` header included, into an error page, a body or an event; the key must not travel
 * on into an exception's message, its cause, or a log.
 */
@InternalLlamaChatApi
public object Secrets {
    /** Long tokens only, so that a text such as "Invalid bearer token" stays readable. */
    private val SECRET = Regex("""(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{16,}|\bllx-[A-Za-z0-9_-]{8,}""")

    /** [text] with every key-like token replaced by `[redacted]`. */
    public fun redact(text: String): String =
        SECRET.replace(text) { match -> match.groupValues[1].ifEmpty { "llx-" } + "[redacted]" }

    /**
     * A parser's exception as the cause of an SDK exception, with its message redacted: kotlinx.serialization quotes
     * the input it failed on ("JSON input: ..."), which a rendered stack trace would otherwise show.
     */
    public fun redactedCause(cause: Throwable): Throwable {
        val message = cause.message ?: return cause
        val redacted = redact(message)
        if (redacted == message) return cause
        val copy = if (cause is SerializationException) SerializationException(redacted) else IllegalArgumentException(redacted)
        copy.stackTrace = cause.stackTrace
        return copy
    }
}

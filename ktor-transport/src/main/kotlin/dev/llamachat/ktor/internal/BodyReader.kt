package dev.llamachat.ktor.internal

/**
 * How one kind of call reads a successful answer. [HttpTransport] does everything before and around it: the
 * request, the timeout, the status, the content type, retries, logging and the mapping of failures.
 */
internal interface BodyReader<T> {
    /**
     * The media type asked for (`Accept`) and required of a 2xx answer, without parameters: one of [MediaTypes].
     * Text, not Ktor's `ContentType`: an answer of exactly this type is checked without Ktor's header parser.
     */
    val accept: String

    /**
     * True for a stream: the request timeout bounds only the wait for the response head, and from the moment
     * [read] starts the body belongs to the caller, so its failures (the decoder's `StreamException`s, the
     * collector's own exceptions and cancellations) pass untouched and are never retried.
     */
    val streaming: Boolean

    /** Reads the body of a 2xx [response] whose content type was checked. */
    suspend fun read(response: ResponseHead, request: ApiRequest): T

    /**
     * The result when a retry finds the work done: a `delete` that meets 404 after an attempt whose outcome was
     * unknown (the connection broke, or a gateway failed, after the session may have been deleted) succeeded.
     * Null: a 404 is an error.
     */
    fun alreadyDone(): T? = null
}

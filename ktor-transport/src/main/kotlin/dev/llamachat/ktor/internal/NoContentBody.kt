package dev.llamachat.ktor.internal


/**
 * A `delete`'s answer: whatever body there is, read (so that the connection can be reused) and dropped. A 404
 * after an attempt whose outcome was unknown means the session was deleted by that attempt: success.
 */
internal object NoContentBody : BodyReader<Unit> {
    override val accept: String get() = MediaTypes.JSON
    override val streaming: Boolean get() = false

    override suspend fun read(response: ResponseHead, request: ApiRequest) {
        JsonBody.readWhole(response, request)
    }

    override fun alreadyDone() {}
}

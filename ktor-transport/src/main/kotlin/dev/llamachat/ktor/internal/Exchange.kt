package dev.llamachat.ktor.internal

/**
 * A request as [HttpTransport] composed it: every header set, the key included; [method] as its name (`POST`);
 * [jsonBody] null for none.
 */
internal class OutgoingRequest(
    val method: String,
    val url: String,
    val headers: List<Pair<String, String>>,
    val jsonBody: String?,
) {
    override fun toString(): String = "OutgoingRequest($method $url)"
}

/**
 * One attempt on the wire, nothing more: sending, the response head, the body. Retries, timeouts, logging and
 * the mapping of failures stay in [HttpTransport], the one request path, whichever implementation carries it.
 */
internal interface Exchange {
    /**
     * Sends [request] and runs [onHead] in the caller's coroutine once the head arrived; the response is done
     * with (its connection released or closed) when this returns or throws. The caller's cancellation ends the call.
     */
    suspend fun <R> send(request: OutgoingRequest, onHead: suspend (ResponseHead) -> R): R
}

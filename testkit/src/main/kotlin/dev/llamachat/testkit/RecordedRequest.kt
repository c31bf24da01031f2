package dev.llamachat.testkit

/**
 * One request as [LocalLlamaCloud] received it, for assertions in tests. The `Authorization` header is kept
 * (tests may check it) but [toString] never shows its value.
 *
 * ```kotlin
 * val request = server.takeRequest()!!
 * request.endpoint shouldBe Endpoint.STREAM
 * request.header("authorization") shouldBe "Bearer test-key"
 * ```
 *
 * @property method the HTTP method, for example `POST`.
 * @property path the request path exactly as sent, still percent-encoded, without the query.
 * @property query the query parameters, decoded, in the order sent.
 * @property headers the request headers, names in lower case.
 * @property body the request body decoded as UTF-8 (empty if there was none).
 * @property endpoint which endpoint the request addressed, or null if it matched none.
 */
public class RecordedRequest(
    public val method: String,
    public val path: String,
    public val query: Map<String, List<String>>,
    public val headers: Map<String, List<String>>,
    public val body: String,
    public val endpoint: Endpoint?,
) {
    /** The first value of the header [name] (any case), or null. */
    public fun header(name: String): String? = headers[name.lowercase()]?.firstOrNull()

    /** The last value of the query parameter [name] (the one the server uses), or null. */
    public fun queryParameter(name: String): String? = query[name]?.lastOrNull()

    /** The decoded `{session_id}` path segment, or null if [endpoint] has none or the request matched nothing. */
    public val sessionId: String? by lazy(LazyThreadSafetyMode.PUBLICATION) {
        val segments = path.split('/')
        if (endpoint == null || endpoint == Endpoint.LIST || endpoint == Endpoint.CREATE || segments.size < 5) {
            null
        } else {
            dev.llamachat.testkit.internal.PercentDecoding.decodeSegment(segments[4])
        }
    }

    override fun toString(): String {
        val shown = headers.mapValues { (name, values) -> if (name == "authorization") listOf("<redacted>") else values }
        return "RecordedRequest($method $path, query=$query, endpoint=$endpoint, headers=$shown, body=${body.length} chars)"
    }
}

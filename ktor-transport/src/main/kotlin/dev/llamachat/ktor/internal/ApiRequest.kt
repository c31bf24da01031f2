package dev.llamachat.ktor.internal

/**
 * The seven calls, with what the retry rules need to know about each. The HTTP method is its name, not Ktor's
 * `HttpMethod`: a stream on the SDK's own OkHttp client then never loads Ktor's method table (issue 13's memory
 * figure); the Ktor path parses the name.
 */
internal enum class ApiCall(val method: String, val idempotent: Boolean) {
    LIST("GET", idempotent = true),
    CREATE("POST", idempotent = false),
    RETRIEVE("GET", idempotent = true),
    DELETE("DELETE", idempotent = true),
    SUMMARY("GET", idempotent = true),

    /** Generating a title from the same message again gives the same title. */
    TITLE("POST", idempotent = true),

    /** A turn appends to the session's history. */
    STREAM("POST", idempotent = false),
}

/**
 * One request, transport-ready: [path] is already percent-encoded and [query] holds only the parameters that
 * are present, so a request is described, logged and sent from one value.
 *
 * @property body the JSON body, or null for none.
 */
internal class ApiRequest(
    val call: ApiCall,
    val path: String,
    val query: List<Pair<String, String>>,
    val body: String?,
) {
    val method: String get() = call.method

    /** The path and the encoded query, as sent. */
    val target: String = if (query.isEmpty()) {
        path
    } else {
        query.joinToString("&", prefix = "$path?") { (name, value) -> "${Percent.query(name)}=${Percent.query(value)}" }
    }

    /** `GET /api/v1/chat/ses-1`: method and path, never the query; used in messages. */
    val description: String = "$method $path"

    override fun toString(): String = "$method $target"
}

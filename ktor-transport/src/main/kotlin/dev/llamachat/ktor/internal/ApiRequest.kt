package dev.llamachat.ktor.internal

import io.ktor.http.HttpMethod

/** The seven calls, with what the retry rules need to know about each. */
internal enum class ApiCall(val method: HttpMethod, val idempotent: Boolean) {
    LIST(HttpMethod.Get, idempotent = true),
    CREATE(HttpMethod.Post, idempotent = false),
    RETRIEVE(HttpMethod.Get, idempotent = true),
    DELETE(HttpMethod.Delete, idempotent = true),
    SUMMARY(HttpMethod.Get, idempotent = true),

    /** Generating a title from the same message again gives the same title. */
    TITLE(HttpMethod.Post, idempotent = true),

    /** A turn appends to the session's history. */
    STREAM(HttpMethod.Post, idempotent = false),
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
    val method: HttpMethod get() = call.method

    /** The path and the encoded query, as sent. */
    val target: String = if (query.isEmpty()) {
        path
    } else {
        query.joinToString("&", prefix = "$path?") { (name, value) -> "${Percent.query(name)}=${Percent.query(value)}" }
    }

    /** `GET /api/v1/chat/ses-1`: method and path, never the query; used in messages. */
    val description: String = "${method.value} $path"

    override fun toString(): String = "${method.value} $target"
}

package dev.llamachat.testkit.internal

import dev.llamachat.testkit.Endpoint

/** Where a request goes. */
internal sealed interface Route {
    /** One of the seven endpoints; [sessionId] is the decoded id segment, or null where there is none. */
    class Matched(val endpoint: Endpoint, val sessionId: String?) : Route

    /** A known path with another method: 405, as FastAPI answers. */
    class MethodNotAllowed(val allowed: List<String>) : Route

    /** Nothing here: 404. */
    object NotFound : Route
}

/**
 * Matches the raw, still percent-encoded path segment by segment, so that a session id is always exactly one
 * segment: `..`, `a%2Fb` or `a%3Fb` are ids (that do not exist), never a way to another route.
 */
internal object Router {
    private const val BASE = "/api/v1/chat"

    fun route(method: String, rawPath: String): Route {
        if (rawPath == BASE) return pick(method, "GET" to Endpoint.LIST, "POST" to Endpoint.CREATE, id = null)
        if (!rawPath.startsWith("$BASE/")) return Route.NotFound
        val segments = rawPath.substring(BASE.length + 1).split('/')
        val rawId = segments[0]
        if (rawId.isEmpty()) return Route.NotFound
        val id = PercentDecoding.decodeSegment(rawId) ?: UNDECODABLE
        return when {
            segments.size == 1 -> pick(method, "GET" to Endpoint.RETRIEVE, "DELETE" to Endpoint.DELETE, id = id)
            segments.size == 2 && segments[1] == "summary" -> pick(method, "GET" to Endpoint.SUMMARY, id = id)
            segments.size == 2 && segments[1] == "title" -> pick(method, "POST" to Endpoint.TITLE, id = id)
            segments.size == 3 && segments[1] == "messages" && segments[2] == "stream" ->
                pick(method, "POST" to Endpoint.STREAM, id = id)
            else -> Route.NotFound
        }
    }

    /** Stands for an id whose percent-encoding is broken: no session can have it (ids never contain NUL). */
    const val UNDECODABLE: String = "\u0000"

    private fun pick(method: String, vararg options: Pair<String, Endpoint>, id: String?): Route =
        options.firstOrNull { it.first == method }?.let { Route.Matched(it.second, id) }
            ?: Route.MethodNotAllowed(options.map { it.first })
}

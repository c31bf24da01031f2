package dev.llamachat.ktor.internal

import dev.llamachat.ktor.RequestOptions
import kotlin.time.Duration

/**
 * What every call through one [HttpTransport] uses: the client's settings, or a derived client's
 * [RequestOptions] on top of them. Immutable and validated, like [ClientSettings].
 */
internal class CallOptions private constructor(
    val timeout: Duration,
    val maxRetries: Int,
    val headers: Map<String, String>,
    val query: List<Pair<String, String>>,
) {
    /** These options with [options] applied: replaced where set, headers and query parameters added. */
    fun with(options: RequestOptions): CallOptions {
        options.timeout?.let { ClientSettings.positive("timeout", it) }
        options.maxRetries?.let { ClientSettings.checkMaxRetries(it) }
        options.headers.forEach { (name, value) -> ClientSettings.checkHeader("header", name, value) }
        options.queryParameters.forEach { (name, _) -> require(name.isNotBlank()) { "queryParameter: the name must not be blank" } }
        return CallOptions(
            timeout = options.timeout ?: timeout,
            maxRetries = options.maxRetries ?: maxRetries,
            headers = LinkedHashMap(headers).apply { putAll(options.headers) },
            query = query + options.queryParameters,
        )
    }

    /** The query string that follows [target] (which may already have one). */
    fun target(target: String): String {
        if (query.isEmpty()) return target
        val extra = query.joinToString("&") { (name, value) -> "${Percent.query(name)}=${Percent.query(value)}" }
        return target + (if ('?' in target) "&" else "?") + extra
    }

    companion object {
        fun from(settings: ClientSettings): CallOptions =
            CallOptions(settings.requestTimeout, settings.maxRetries, settings.defaultHeaders, emptyList())
    }
}

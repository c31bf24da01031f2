package dev.llamachat.testkit.internal

import dev.llamachat.testkit.Fault
import dev.llamachat.testkit.RecordedRequest
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.parseQueryString
import io.ktor.server.application.ApplicationCall
import io.ktor.server.request.httpMethod
import io.ktor.server.request.receiveChannel
import io.ktor.server.request.uri
import io.ktor.server.response.header
import io.ktor.server.response.respond
import io.ktor.utils.io.readRemaining
import java.security.MessageDigest
import java.time.Duration
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.toKotlinDuration
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Job
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.job
import kotlinx.io.readByteArray

/**
 * Serves one call: records it, routes it on its raw path, applies an armed call fault, checks the API key,
 * and hands it to the endpoint. Order, as the service's FastAPI layer has it: unknown route (404) or method
 * (405), then 401, then 400 and 422 for the query and body, then 404 for an unknown session, then 409.
 */
internal class CallHandler(
    private val apiKey: String?,
    private val endpoints: ChatEndpoints,
    private val turns: TurnRunner,
    private val faults: FaultQueue,
    private val log: RequestLog,
    private val stats: ServerStats,
) {
    private val requestIds = AtomicLong()

    suspend fun handle(call: ApplicationCall) {
        val job = currentCoroutineContext().job
        ConnectionControl.cancelOnClientClose(call, job)
        stats.connection(call.request.local.remoteAddress, call.request.local.remotePort)
        call.response.header("x-request-id", "req_%06d".format(requestIds.incrementAndGet()))
        val uri = call.request.uri
        val queryStart = uri.indexOf('?')
        val rawPath = if (queryStart < 0) uri else uri.substring(0, queryStart)
        val query = parseQuery(if (queryStart < 0) "" else uri.substring(queryStart + 1))
        val body = readBody(call)
        val method = call.request.httpMethod.value
        val route = Router.route(method, rawPath)
        log.add(
            RecordedRequest(
                method, rawPath, query.orEmpty(), headers(call), String(body ?: ByteArray(0), Charsets.UTF_8),
                (route as? Route.Matched)?.endpoint,
            ),
        )
        try {
            when (route) {
                Route.NotFound -> throw HttpFailure.detail(404, "Not Found")
                is Route.MethodNotAllowed ->
                    throw HttpFailure.detail(405, "Method Not Allowed", mapOf("Allow" to route.allowed.joinToString(", ")))
                is Route.Matched -> serve(call, job, route, query, body)
            }
        } catch (failure: HttpFailure) {
            respond(call, failure.status, failure.body.toByteArray(), JSON + failure.headers)
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            // A bug of testkit's own: answer like a server would rather than with Ktor's plain-text page.
            if (!call.response.isCommitted) {
                val failure = HttpFailure.detail(500, "testkit failed: ${e::class.java.simpleName}: ${e.message}")
                respond(call, 500, failure.body.toByteArray(), JSON)
            }
        }
    }

    private suspend fun serve(call: ApplicationCall, job: Job, route: Route.Matched, query: Map<String, List<String>>?, body: ByteArray?) {
        var betweenEvents: Duration? = null
        when (val fault = faults.takeCallFault(route.endpoint)) {
            is Fault.Status -> return respondStatus(call, fault)
            Fault.Disconnect -> {
                ConnectionControl.abort(job)
                awaitCancellation()
            }
            is Fault.RawResponse -> return respond(call, fault.status, fault.body, mapOf("Content-Type" to fault.contentType) + fault.headers)
            is Fault.Delay -> {
                delay(fault.beforeFirstByte.toKotlinDuration())
                betweenEvents = fault.betweenEvents.takeUnless { it.isZero }
            }
            else -> Unit
        }
        authorize(call)
        if (body == null) throw HttpFailure.detail(413, "The request body is larger than $MAX_BODY bytes")
        if (query == null) throw HttpFailure.detail(400, "The query string is not validly percent-encoded")
        when (val reply = endpoints.serve(route.endpoint, route.sessionId, query, body)) {
            is Reply.Json -> respond(call, 200, reply.body.toByteArray(), JSON)
            Reply.NoContent -> call.respond(HttpStatusCode.NoContent)
            is Reply.Stream -> turns.run(call, reply, betweenEvents)
        }
    }

    private fun authorize(call: ApplicationCall) {
        val key = apiKey ?: return
        val header = call.request.headers[HttpHeaders.Authorization]
        val given = header?.takeIf { it.length > 7 && it.regionMatches(0, "Bearer ", 0, 7, ignoreCase = true) }?.substring(7)?.trim()
        val challenge = mapOf("WWW-Authenticate" to "Bearer")
        if (given.isNullOrEmpty()) throw HttpFailure.detail(401, "Not authenticated", challenge)
        // Constant time, so that the comparison says nothing about the key.
        if (!MessageDigest.isEqual(given.toByteArray(), key.toByteArray())) throw HttpFailure.detail(401, "Invalid API key", challenge)
    }

    private suspend fun respondStatus(call: ApplicationCall, fault: Fault.Status) {
        val body = fault.body ?: HttpFailure.detail(fault.status, HttpStatusCode.fromValue(fault.status).description).body
        val contentType = if (fault.headers.keys.any { it.equals("Content-Type", ignoreCase = true) }) emptyMap() else JSON
        respond(call, fault.status, body.toByteArray(), contentType + fault.headers)
    }

    private suspend fun respond(call: ApplicationCall, status: Int, body: ByteArray, headers: Map<String, String>) {
        call.respond(BytesContent(HttpStatusCode.fromValue(status), body, headers))
    }

    private suspend fun readBody(call: ApplicationCall): ByteArray? {
        val bytes = call.receiveChannel().readRemaining(MAX_BODY + 1L).readByteArray()
        return bytes.takeIf { it.size <= MAX_BODY }
    }

    /** The decoded query, or null if its percent-encoding is broken. */
    private fun parseQuery(raw: String): Map<String, List<String>>? = try {
        parseQueryString(raw, decode = true).entries().associate { it.key to it.value }
    } catch (_: Exception) {
        null
    }

    private fun headers(call: ApplicationCall): Map<String, List<String>> {
        val headers = LinkedHashMap<String, MutableList<String>>()
        call.request.headers.forEach { name, values -> headers.getOrPut(name.lowercase()) { ArrayList() }.addAll(values) }
        return headers
    }

    private companion object {
        const val MAX_BODY = 1 shl 20
        val JSON = mapOf("Content-Type" to "application/json")
    }
}

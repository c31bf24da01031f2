package dev.llamachat.testkit.internal

import dev.llamachat.testkit.Dispatcher
import dev.llamachat.testkit.RecordedRequest
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
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
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.job
import kotlinx.coroutines.withContext
import kotlinx.io.readByteArray

/**
 * Serves one call: records it, routes it on its raw path, takes its [ScriptedResponse] (queued, else the
 * dispatcher's), and either sends that or, for [ScriptedResponse.serve], checks the API key and hands the call to
 * the endpoint. Order, as the service's FastAPI layer has it: unknown route (404) or method (405), then 401, then
 * 400 and 422 for the query and body, then 404 for an unknown session, then 409.
 */
internal class CallHandler(
    private val apiKey: String?,
    private val endpoints: ChatEndpoints,
    private val turns: TurnRunner,
    private val script: ScriptQueue,
    private val log: RequestLog,
    private val stats: ServerStats,
    private val keepAlive: Duration?,
) {
    private val requestIds = AtomicLong()

    suspend fun handle(call: ApplicationCall) {
        val job = currentCoroutineContext().job
        val armed = ConnectionControl.cancelOnClientClose(call, job)
        stats.connection(call.request.local.remoteAddress, call.request.local.remotePort)
        call.response.header("x-request-id", "req_%06d".format(requestIds.incrementAndGet()))
        val uri = call.request.uri
        val queryStart = uri.indexOf('?')
        val rawPath = if (queryStart < 0) uri else uri.substring(0, queryStart)
        val query = parseQuery(if (queryStart < 0) "" else uri.substring(queryStart + 1))
        // Whole even if the client has already left (and the call is cancelled), so that a request that arrived is on record.
        val body = withContext(NonCancellable) { readBody(call) }
        val method = call.request.httpMethod.value
        val route = Router.route(method, rawPath)
        val request = RecordedRequest(
            method, rawPath, query.orEmpty(), headers(call), String(body ?: ByteArray(0), Charsets.UTF_8),
            (route as? Route.Matched)?.endpoint,
        )
        log.add(request)
        // Only now, so that a request is on record even if its client left before the engine started the call.
        val missedClose = if (armed) ConnectionControl.cancelOnMissedClose(job) else null
        try {
            val scripted = script.take(request.endpoint) ?: dispatch(request)
            if (!scripted.headDelay.isZero) delay(scripted.headDelay.toKotlinDuration())
            when (scripted.socketPolicy.kind) {
                SocketPolicyKind.DISCONNECT_AT_START -> {
                    ConnectionControl.abort(job)
                    awaitCancellation()
                }
                SocketPolicyKind.NO_RESPONSE -> awaitCancellation()
                else -> Unit
            }
            when (val scriptedBody = scripted.body) {
                is ResponseBody.Fixed -> {
                    val contentType = scriptedBody.contentType?.let { listOf("Content-Type" to it) }.orEmpty()
                    respond(call, job, scripted.status, scriptedBody.bytes, withContentType(contentType, scripted.headers), scripted)
                }
                is ResponseBody.Stream -> respondStream(call, job, scripted, scriptedBody)
                ResponseBody.Serve -> {
                    for ((name, value) in scripted.headers) call.response.header(name, value)
                    when (route) {
                        Route.NotFound -> throw HttpFailure.detail(404, "Not Found")
                        is Route.MethodNotAllowed ->
                            throw HttpFailure.detail(405, "Method Not Allowed", mapOf("Allow" to route.allowed.joinToString(", ")))
                        is Route.Matched -> serve(call, job, route, query, body, scripted)
                    }
                }
            }
        } catch (failure: HttpFailure) {
            respond(call, job, failure.status, failure.body.toByteArray(), JSON + failure.headers.toList(), ScriptedResponse.serve())
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            // A bug of testkit's own or a dispatcher that threw: answer like a server would rather than with Ktor's
            // plain-text page.
            if (!call.response.isCommitted) {
                val failure = HttpFailure.detail(500, "testkit failed: ${e::class.java.simpleName}: ${e.message}")
                respond(call, job, 500, failure.body.toByteArray(), JSON, ScriptedResponse.serve())
            }
        } finally {
            missedClose?.cancel()
        }
    }

    /** The dispatcher's answer; off the engine's threads only when it is not the default, since it may block. */
    private suspend fun dispatch(request: RecordedRequest): ScriptedResponse =
        if (script.dispatcher === Dispatcher.SERVE) ScriptedResponse.serve() else withContext(Dispatchers.IO) { script.dispatch(request) }

    private suspend fun serve(
        call: ApplicationCall,
        job: Job,
        route: Route.Matched,
        query: Map<String, List<String>>?,
        body: ByteArray?,
        scripted: ScriptedResponse,
    ) {
        authorize(call)
        if (body == null) throw HttpFailure.detail(413, "The request body is larger than $MAX_BODY bytes")
        if (query == null) throw HttpFailure.detail(400, "The query string is not validly percent-encoded")
        when (val reply = endpoints.serve(route.endpoint, route.sessionId, query, body)) {
            is Reply.Json -> respond(call, job, 200, reply.body.toByteArray(), JSON, scripted)
            Reply.NoContent -> call.respond(HttpStatusCode.NoContent)
            is Reply.Stream -> turns.run(call, job, reply, scripted)
        }
    }

    private suspend fun respondStream(call: ApplicationCall, job: Job, scripted: ScriptedResponse, body: ResponseBody.Stream) {
        val headers = withContentType(listOf("Content-Type" to "text/event-stream", "Cache-Control" to "no-cache"), scripted.headers)
        val contentLength = scripted.headers.lastOrNull { it.first.equals(HttpHeaders.ContentLength, true) }?.second?.toLongOrNull()
        streamBody(call, job, scripted, body.frames.iterator(), headers, contentLength)
    }

    /** Sends [body] whole, or under [scripted]'s policy and pacing as a stream of one event. */
    private suspend fun respond(
        call: ApplicationCall,
        job: Job,
        status: Int,
        body: ByteArray,
        headers: List<Pair<String, String>>,
        scripted: ScriptedResponse,
    ) {
        if (scripted.socketPolicy == SocketPolicy.keepOpen() && scripted.insertions.isEmpty()) {
            call.respond(BytesContent(HttpStatusCode.fromValue(status), body, headers))
        } else {
            streamBody(call, job, scripted, listOf(body).iterator(), headers, body.size.toLong(), status)
        }
    }

    private suspend fun streamBody(
        call: ApplicationCall,
        job: Job,
        scripted: ScriptedResponse,
        frames: Iterator<ByteArray>,
        headers: List<Pair<String, String>>,
        contentLength: Long?,
        status: Int = scripted.status,
    ) {
        val plan = StreamPlan(frames, { false }, 0L, scripted, keepAlive?.toNanos())
        val writer = StreamWriter(plan, StreamProgress()) { ConnectionControl.abort(job) }
        stats.streamOpened()
        try {
            call.respond(StreamContent(HttpStatusCode.fromValue(status), headers, contentLength, plan.closesConnection, writer) {})
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            // Once the response has begun, a failure means the client is gone; nothing more can be sent.
            if (!call.response.isCommitted) throw e
        } finally {
            stats.streamClosed()
        }
    }

    /** [defaults] then [extra], where a Content-Type in [extra] replaces the default one. */
    private fun withContentType(defaults: List<Pair<String, String>>, extra: List<Pair<String, String>>): List<Pair<String, String>> {
        val typed = extra.any { it.first.equals(HttpHeaders.ContentType, true) }
        return defaults.filterNot { typed && it.first.equals(HttpHeaders.ContentType, true) } + extra
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
        val JSON = listOf("Content-Type" to "application/json")
    }
}

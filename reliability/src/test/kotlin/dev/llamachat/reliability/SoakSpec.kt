package dev.llamachat.reliability

import dev.llamachat.ChatEvent
import dev.llamachat.InternalServerException
import dev.llamachat.LlamaCloudIoException
import dev.llamachat.RateLimitException
import dev.llamachat.StreamEndedBeforeStopException
import dev.llamachat.StreamException
import dev.llamachat.StreamInterruptedException
import dev.llamachat.Usage
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.ktor.internal.RetrySleeper
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import java.util.Collections
import java.util.UUID
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext
import kotlin.random.Random
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout

private const val CALLERS = 32
private const val CALLS_PER_CALLER = 32
private const val MAX_RETRIES = 2
private val PROMPTS = listOf("What were the main findings in Q3?", "How did Q1 go?", "What changed in Q4?")

/** One call of the soak: its endpoint, its retries as the client's sleeper saw them, and how it ended. */
private class CallRecord(val id: String, val endpoint: Endpoint) : AbstractCoroutineContextElement(Key) {
    companion object Key : CoroutineContext.Key<CallRecord>

    val delays: MutableList<Duration> = Collections.synchronizedList(ArrayList())
    var failure: Throwable? = null
}

/** Retries wait for nothing; each is recorded on the call whose coroutine made it. */
private val RECORDING_SLEEPER = RetrySleeper { delay ->
    val call = currentCoroutineContext()[CallRecord] ?: error("a retry outside any recorded call")
    call.delays += delay
}

/**
 * The soak: 32 callers make at least 1,024 calls across all seven endpoints while testkit fails about a fifth of
 * the requests (429 with Retry-After, 503, 500, connections closed before an answer, streams cut mid-way). It
 * checks every call against the retry contract, counts sessions on the server, compares every turn with an
 * unfaulted one, and prints the figures.
 */
class SoakSpec : FunSpec({
    test("every call succeeds or fails with its documented exception after its documented retries; nothing hangs, repeats or duplicates") {
        LocalLlamaCloud.builder().apiKey(CANARY_KEY).start().use { server ->
            val chat = testChat(server.baseUrl, RECORDING_SLEEPER) { maxRetries = MAX_RETRIES }
            chat.use {
                // Reference turns, before any fault: testkit's agent gives the same events for the same prompt.
                val references = PROMPTS.associateWith { prompt ->
                    val session = chat.create(listOf(LocalLlamaCloud.DEMO_INDEX))
                    normalized(collectGuarded(chat.stream(session.sessionId, prompt, listOf(LocalLlamaCloud.DEMO_INDEX))))
                }
                val turnSize = references.values.minOf { it.size }
                val plan = SoakFaultPlan(seed = 20251122, length = 1500, rate = 0.2, streamCallRate = 0.1, streamCutRate = 0.12, turnSize = turnSize)
                plan.arm(server)
                server.clearRequests()

                val calls = ConcurrentHashMap.newKeySet<CallRecord>()
                val violations = Collections.synchronizedList(ArrayList<String>())
                val sessionChecks = Collections.synchronizedList(ArrayList<Triple<String, Boolean, Boolean>>())
                val turnsCompared = AtomicInteger()
                val started = System.nanoTime()

                kotlinx.coroutines.coroutineScope {
                    repeat(CALLERS) { caller ->
                        launch(Dispatchers.Default) {
                            val random = Random(caller * 7919L)
                            var made = 0
                            var lifecycle = 0
                            var last: CallRecord? = null
                            suspend fun <T> call(endpoint: Endpoint, block: suspend (org: String) -> T): T? {
                                val record = CallRecord(uuid(random), endpoint)
                                calls += record
                                last = record
                                made++
                                return try {
                                    withContext(record) { withTimeout(HANG_GUARD) { block(record.id) } }
                                } catch (e: TimeoutCancellationException) {
                                    violations += "$endpoint call ${record.id} hung"
                                    null
                                } catch (e: Exception) {
                                    record.failure = e
                                    null
                                }
                            }
                            while (made < CALLS_PER_CALLER) {
                                val project = uuid(random)
                                val prompt = PROMPTS[(caller + lifecycle++) % PROMPTS.size]
                                val session = call(Endpoint.CREATE) { org -> chat.create(listOf(LocalLlamaCloud.DEMO_INDEX), org, project) }
                                if (session == null) {
                                    sessionChecks += Triple(project, false, false)
                                    continue
                                }
                                val id = session.sessionId
                                call(Endpoint.TITLE) { org -> chat.generateTitle(id, "Soak lifecycle $caller/$lifecycle", org, project) }
                                val events = ArrayList<ChatEvent>()
                                val streamed = call(Endpoint.STREAM) { org ->
                                    chat.stream(id, prompt, listOf(LocalLlamaCloud.DEMO_INDEX), org, project).collect { events += it }
                                }
                                checkTurn(references.getValue(prompt), events, streamed != null, last!!)?.let { violations += it }
                                turnsCompared.incrementAndGet()
                                call(Endpoint.SUMMARY) { org -> chat.summary(id, org, project) }
                                call(Endpoint.RETRIEVE) { org -> chat.retrieve(id, org, project) }
                                call(Endpoint.LIST) { org -> chat.listPage(pageSize = 10, organizationId = org, projectId = project) }
                                val deleted = call(Endpoint.DELETE) { org -> chat.delete(id, org, project) } != null
                                sessionChecks += Triple(project, true, deleted)
                            }
                        }
                    }
                }
                val elapsed = (System.nanoTime() - started) / 1_000_000

                // Every call against the retry contract, and against what the server saw of it.
                val attempts = server.requests.groupingBy { it.queryParameter("organization_id") }.eachCount()
                for (call in calls) violations += contractViolations(call, attempts[call.id] ?: 0)

                // Sessions: a project's count is 1 exactly when its create succeeded and its delete did not.
                var duplicates = 0
                for ((project, created, deleted) in sessionChecks) {
                    val count = server.sessionCount(project)
                    val expected = if (created && !deleted) 1 else 0
                    if (count > expected) duplicates += count - expected
                    if (count != expected) violations += "project $project holds $count sessions, expected $expected"
                }

                // Faults: what the plan injected into the requests that arrived, and what the callers saw of them.
                val arrivals = server.requests.mapNotNull { it.endpoint }.groupingBy { it }.eachCount()
                val injected = plan.injected(arrivals)
                val retries = calls.sumOf { it.delays.size }
                val failures = calls.mapNotNull { it.failure }
                val seenByCallers = retries + failures.size

                println("SOAK: ${calls.size} calls by $CALLERS callers in $elapsed ms: " +
                    calls.groupingBy { it.endpoint }.eachCount().toSortedMap().entries.joinToString { "${it.key}=${it.value}" })
                println("SOAK: ${arrivals.values.sum()} requests; ${injected.values.sum()} faults injected: " +
                    injected.entries.joinToString { "${it.key}=${it.value}" })
                println("SOAK: $retries retries; ${calls.size - failures.size} calls succeeded, ${failures.size} failed: " +
                    failures.groupingBy { failureName(it) }.eachCount().toSortedMap().entries.joinToString { "${it.key}=${it.value}" })
                println("SOAK: ${turnsCompared.get()} turns compared with their reference; duplicate sessions: $duplicates; " +
                    "contract violations: ${violations.size}")

                violations.shouldBeEmpty()
                duplicates shouldBe 0
                calls.size shouldBeGreaterThanOrEqual CALLERS * CALLS_PER_CALLER
                calls.map { it.endpoint }.toSet() shouldBe SoakFaultPlan.ENDPOINTS.toSet()
                seenByCallers shouldBe injected.values.sum()
                server.awaitIdle(java.time.Duration.ofSeconds(10)).shouldBeTrue()
            }
        }
    }
})

private fun uuid(random: Random): String = UUID(random.nextLong(), random.nextLong()).toString()

/** The events of a turn as compared across sessions: a stop's usage (turn number, timing) differs by session. */
private fun normalized(events: List<ChatEvent>): List<ChatEvent> =
    events.map { if (it is ChatEvent.Stop) ChatEvent.Stop(it.error, it.isError, Usage()) else it }

/** A completed turn equals its reference; a broken one is a prefix of it, as many events as its exception says. */
private fun checkTurn(reference: List<ChatEvent>, events: List<ChatEvent>, completed: Boolean, call: CallRecord): String? {
    val got = normalized(events)
    if (completed) return if (got == reference) null else "a completed turn differs from its reference: $got"
    val failure = call.failure
    if (failure is StreamException && failure.eventsReceived != events.size) {
        return "a stream failure reports ${failure.eventsReceived} events but ${events.size} were delivered"
    }
    return if (got == reference.take(got.size)) null else "a broken turn is not a prefix of its reference (repeated or reordered events): $got"
}

/**
 * What the contract says of one call: the server saw exactly one request per attempt; a failure is one of the
 * endpoint's documented exceptions, and a retryable one comes only after every retry was used; each retry waited
 * what the server asked (Retry-After: 1) or the backoff (0.5 s doubling, less up to a quarter of jitter).
 */
private fun contractViolations(call: CallRecord, serverAttempts: Int): List<String> {
    val out = ArrayList<String>()
    val retries = call.delays.size
    val what = "${call.endpoint} ${call.id}"
    if (serverAttempts != retries + 1) out += "$what: the server saw $serverAttempts requests for ${retries + 1} attempts"
    if (retries > MAX_RETRIES) out += "$what: $retries retries"
    call.delays.forEachIndexed { i, delay ->
        val base = 500.milliseconds * (1 shl i)
        if (delay != 1.seconds && (delay < base * 0.75 || delay > base)) out += "$what: retry ${i + 1} waited $delay"
    }
    val failure = call.failure ?: return out
    // create and a turn change state: retried only when the request cannot have reached the service (429, 503),
    // never after an I/O failure or a 500 that may have come after the service acted (README, "Errors and retries").
    val changesState = call.endpoint == Endpoint.CREATE || call.endpoint == Endpoint.STREAM
    val retryable = when (failure) {
        is RateLimitException -> true
        is InternalServerException -> when (failure.status) {
            503 -> true
            500 -> !changesState
            else -> return out + "$what: unexpected status ${failure.status}"
        }
        is LlamaCloudIoException -> !changesState
        is StreamEndedBeforeStopException, is StreamInterruptedException ->
            if (call.endpoint == Endpoint.STREAM) false else return out + "$what: a stream failure on a call that is no stream"
        else -> return out + "$what: undocumented failure ${failure.javaClass.name}: ${failure.message}"
    }
    if (retryable && retries != MAX_RETRIES) out += "$what: ${failureName(failure)} after $retries of $MAX_RETRIES retries"
    return out
}

private fun failureName(failure: Throwable): String =
    if (failure is InternalServerException) "InternalServerException(${failure.status})" else failure.javaClass.simpleName

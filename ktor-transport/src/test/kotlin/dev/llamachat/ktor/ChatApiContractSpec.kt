package dev.llamachat.ktor

import app.cash.turbine.test
import dev.llamachat.ApiException
import dev.llamachat.BadRequestException
import dev.llamachat.ChatApi
import dev.llamachat.ChatEvent
import dev.llamachat.ConflictException
import dev.llamachat.InternalServerException
import dev.llamachat.MalformedEventException
import dev.llamachat.NotFoundException
import dev.llamachat.PermissionDeniedException
import dev.llamachat.RateLimitException
import dev.llamachat.StreamEndedBeforeStopException
import dev.llamachat.StreamException
import dev.llamachat.UnauthorizedException
import dev.llamachat.UnexpectedResponseException
import dev.llamachat.UnprocessableEntityException
import dev.llamachat.ValidationError
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.LocalLlamaCloud.Companion.DEMO_INDEX
import dev.llamachat.testkit.LocalLlamaCloud.Companion.HANDBOOK_INDEX
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import dev.llamachat.testkit.SseFrames
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.throwables.shouldThrowExactly
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldEndWith
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.Closeable
import java.time.Duration
import java.util.UUID
import kotlin.reflect.KClass
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/**
 * What every [ChatApi] transport must do, checked over real loopback HTTP against testkit's [LocalLlamaCloud]:
 * the seven calls and their parameters, paging, streaming (wire order, delivery while the turn runs,
 * cancellation, tolerance, stream failures), error mapping and argument checks (among them: a session id is
 * always one path segment, and the ids `.` and `..`, which some HTTP stacks resolve even percent-encoded, are
 * refused before any request). It uses nothing but the
 * [ChatApi] interface and testkit, so another transport runs it by subclassing (it is published in this module's
 * test-jar, `llamachat-ktor-transport:tests`):
 *
 * ```kotlin
 * class MyTransportContractSpec : ChatApiContractSpec({ server -> MyTransport(server.baseUrl, server.apiKey!!) })
 * ```
 *
 * [newApi] gets a server that requires [LocalLlamaCloud.apiKey] and must return a client of it that does not
 * retry (each fault must be seen as it is) and has no default organization or project. If the client is
 * [Closeable], it is closed after the spec.
 */
abstract class ChatApiContractSpec(newApi: (LocalLlamaCloud) -> ChatApi) : FunSpec({
    val server = LocalLlamaCloud.builder().apiKey("contract-" + UUID.randomUUID()).start()
    val api = newApi(server)
    afterSpec {
        (api as? Closeable)?.close()
        server.close()
    }
    beforeEach {
        server.clearQueue()
        server.clearRequests()
    }

    fun newProject(): String = UUID.randomUUID().toString()
    suspend fun turn(sessionId: String, prompt: String = "What were the main findings in Q3?", indexIds: List<String> = listOf(DEMO_INDEX)) =
        api.stream(sessionId, prompt, indexIds).toList()

    context("sessions") {
        test("create binds the given indexes and returns the new session") {
            val project = newProject()
            val created = api.create(listOf(DEMO_INDEX, HANDBOOK_INDEX), projectId = project)
            created.indexIds shouldBe listOf(DEMO_INDEX, HANDBOOK_INDEX)
            created.generatedTitle.shouldBeNull()
            created.jobMetadata.shouldBeNull()
            created.lastUpdated.shouldNotBeNull()
            server.sessionCount(project) shouldBe 1
        }

        test("create without indexes makes an unbound session") {
            api.create().indexIds.shouldBeNull()
        }

        test("summary and retrieve return the session, retrieve with its history") {
            val session = api.create(listOf(DEMO_INDEX))
            turn(session.sessionId)
            val summary = api.summary(session.sessionId)
            summary.sessionId shouldBe session.sessionId
            summary.jobMetadata.shouldNotBeNull().turns shouldBe 1
            summary.generatedTitle shouldBe "What were the main findings in Q3?..."
            val full = api.retrieve(session.sessionId)
            full.toSummary() shouldBe summary
            full.events.map { it.type } shouldBe listOf("user_input", "thinking", "tool_call", "tool_result", "text", "stop")
            full.events.first() shouldBe ChatEvent.UserInput("What were the main findings in Q3?")
        }

        test("generateTitle sets the title from the first message") {
            val session = api.create()
            val titled = api.generateTitle(session.sessionId, "How many vacation days do new employees get in their first year at the company?")
            val title = titled.generatedTitle.shouldNotBeNull()
            title shouldStartWith "How many vacation days"
            title shouldEndWith "..."
            title.length shouldBeLessThanOrEqual 60
            api.summary(session.sessionId).generatedTitle shouldBe titled.generatedTitle
        }

        test("delete removes the session, and later calls on it get NotFoundException") {
            val session = api.create()
            api.delete(session.sessionId)
            shouldThrow<NotFoundException> { api.summary(session.sessionId) }
            shouldThrow<NotFoundException> { api.delete(session.sessionId) }
        }

        test("sessions are scoped by project") {
            val project = newProject()
            val session = api.create(projectId = project)
            api.summary(session.sessionId, projectId = project).sessionId shouldBe session.sessionId
            shouldThrow<NotFoundException> { api.summary(session.sessionId, projectId = newProject()) }
            shouldThrow<NotFoundException> { api.retrieve(session.sessionId) }
        }
    }

    context("listing") {
        test("listPage returns one page and the token of the next, newest first") {
            val project = newProject()
            val ids = (1..5).map { api.create(projectId = project).sessionId }
            val first = api.listPage(pageSize = 2, projectId = project)
            first.items.map { it.sessionId } shouldBe ids.reversed().take(2)
            first.hasNextPage shouldBe true
            val second = api.listPage(pageSize = 2, pageToken = first.nextPageToken, projectId = project)
            second.items.map { it.sessionId } shouldBe ids.reversed().subList(2, 4)
            val third = api.listPage(pageSize = 2, pageToken = second.nextPageToken, projectId = project)
            third.items.map { it.sessionId } shouldBe ids.take(1)
            third.hasNextPage shouldBe false
        }

        test("list collects every session across pages") {
            val project = newProject()
            val ids = (1..7).map { api.create(projectId = project).sessionId }
            api.list(pageSize = 3, projectId = project).toList().map { it.sessionId } shouldBe ids.reversed()
            server.requests.count { it.endpoint == Endpoint.LIST } shouldBe 3
        }

        test("list fetches the next page only when the collector wants more") {
            val project = newProject()
            repeat(10) { api.create(projectId = project) }
            server.clearRequests()
            api.list(pageSize = 2, projectId = project).take(3).toList() shouldHaveSize 3
            server.requests.count { it.endpoint == Endpoint.LIST } shouldBe 2
        }

        test("a page token the server did not issue is a BadRequestException") {
            shouldThrow<BadRequestException> { api.listPage(pageToken = "not-a-token") }
        }
    }

    context("streaming") {
        test("a turn streams in wire order and completes after stop") {
            val session = api.create(listOf(DEMO_INDEX))
            val events = turn(session.sessionId)
            val types = events.joinToString(" ") { it.type.orEmpty() }
            types shouldBe Regex("(thinking_delta )*thinking (tool_call tool_result )+(text_delta )*text stop").find(types)?.value
            val text = events.filterIsInstance<ChatEvent.Text>().single().content
            events.filterIsInstance<ChatEvent.TextDelta>().joinToString("") { it.content } shouldBe text
            text shouldContain "Q3"
            events.filterIsInstance<ChatEvent.ThinkingDelta>().joinToString("") { it.content } shouldBe
                events.filterIsInstance<ChatEvent.Thinking>().single().content
            val stop = events.last().shouldBeInstanceOf<ChatEvent.Stop>()
            stop.isError shouldBe false
            stop.usage.totalOutputTokens.shouldNotBeNull()
        }

        test("each event reaches the collector while the turn is still running") {
            val session = api.create(listOf(DEMO_INDEX))
            // The turn stalls after its first event: it can only end when the client leaves.
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM)
            var runningAtFirstEvent = -1
            api.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX))
                .onEach { runningAtFirstEvent = server.runningTurns }
                .first()
                .shouldBeInstanceOf<ChatEvent.ThinkingDelta>()
            runningAtFirstEvent shouldBe 1
            server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
        }

        test("cancelling the collector closes the response at once") {
            val session = api.create(listOf(DEMO_INDEX))
            // The turn stalls after its first event: only the client's leaving can end it.
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(1)), Endpoint.STREAM)
            api.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).test {
                awaitItem().shouldBeInstanceOf<ChatEvent.ThinkingDelta>()
                cancelAndIgnoreRemainingEvents()
            }
            server.awaitIdle(Duration.ofSeconds(5)) shouldBe true
            server.runningTurns shouldBe 0
        }

        test("the flow is cold: each collection runs a turn") {
            val session = api.create(listOf(DEMO_INDEX))
            val flow = api.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX))
            server.requests.count { it.endpoint == Endpoint.STREAM } shouldBe 0
            flow.collect()
            flow.collect()
            server.requests.count { it.endpoint == Endpoint.STREAM } shouldBe 2
            api.summary(session.sessionId).jobMetadata.shouldNotBeNull().turns shouldBe 2
        }

        test("a turn with indexes other than the session's is a ConflictException") {
            val session = api.create(listOf(DEMO_INDEX))
            shouldThrow<ConflictException> { turn(session.sessionId, indexIds = listOf(HANDBOOK_INDEX)) }
        }

        test("a turn on an unknown session is a NotFoundException, before any event") {
            val received = mutableListOf<ChatEvent>()
            shouldThrow<NotFoundException> {
                api.stream("ses-does-not-exist", "Hello?", listOf(DEMO_INDEX)).collect { received += it }
            }
            received.shouldBeEmpty()
        }

        test("an event of an unknown type arrives as ChatEvent.Unknown and the turn goes on") {
            val session = api.create(listOf(DEMO_INDEX))
            server.enqueue(
                ScriptedResponse.serve().withFrameAfter(2, SseFrames.frame("citation", """{"type":"citation","id":"unknown_1","content":"new"}""")),
                Endpoint.STREAM,
            )
            val events = turn(session.sessionId)
            val unknown = events[2].shouldBeInstanceOf<ChatEvent.Unknown>()
            unknown.type shouldBe "citation"
            unknown.json["id"].toString() shouldBe "\"unknown_1\""
            events.last().shouldBeInstanceOf<ChatEvent.Stop>()
        }

        test("an event without a type takes it from the SSE event name") {
            val session = api.create(listOf(DEMO_INDEX))
            server.enqueue(ScriptedResponse.serve().withFrameAfter(1, SseFrames.frame("thinking_delta", """{"content":"odd"}""")), Endpoint.STREAM)
            val events = turn(session.sessionId)
            events[1] shouldBe ChatEvent.ThinkingDelta("odd")
        }

        test("an event without a type or name is inferred from its fields where only one type fits, else Unknown") {
            val session = api.create(listOf(DEMO_INDEX))
            server.enqueue(ScriptedResponse.serve().withFrameAfter(0, SseFrames.frame(null, """{"content":"odd"}""")), Endpoint.STREAM)
            val ambiguous = turn(session.sessionId)
            ambiguous[0] shouldBe ChatEvent.Unknown(null, (Json.parseToJsonElement("""{"content":"odd"}""") as JsonObject))
            server.enqueue(
                ScriptedResponse.serve().withFrameAfter(0, SseFrames.frame(null, """{"call_id":"c1","name":"search_index","arguments":{"query":"q"}}""")),
                Endpoint.STREAM,
            )
            val inferred = turn(session.sessionId)
            inferred[0].shouldBeInstanceOf<ChatEvent.ToolCall>().callId shouldBe "c1"
        }

        test("a malformed event fails the stream with MalformedEventException naming its position") {
            val session = api.create(listOf(DEMO_INDEX))
            server.enqueue(ScriptedResponse.serve().withFrameAfter(3, SseFrames.frame(null, "{\"type\":\"text_delta\",")), Endpoint.STREAM)
            val received = mutableListOf<ChatEvent>()
            val failure = shouldThrow<MalformedEventException> {
                api.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect { received += it }
            }
            received shouldHaveSize 3
            failure.position shouldBe 4
            failure.eventsReceived shouldBe 3
        }

        test("a stream that ends before stop fails with StreamEndedBeforeStopException after the events received") {
            val session = api.create(listOf(DEMO_INDEX))
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(4)), Endpoint.STREAM)
            val received = mutableListOf<ChatEvent>()
            val failure = shouldThrow<StreamEndedBeforeStopException> {
                api.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect { received += it }
            }
            received shouldHaveSize 4
            failure.eventsReceived shouldBe 4
            failure.lastEventType shouldBe received.last().type
        }

        test("a stream whose connection drops fails with a StreamException saying how many events arrived") {
            val session = api.create(listOf(DEMO_INDEX))
            server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAfterEvents(5)), Endpoint.STREAM)
            var received = 0
            val failure = shouldThrow<StreamException> {
                api.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).collect { received++ }
            }
            received shouldBe 5
            failure.eventsReceived shouldBe 5
            failure.message shouldContain "5 events"
        }

        test("a turn that fails after it began ends with an error stop and completes") {
            val session = api.create(listOf(DEMO_INDEX))
            server.enqueue(ScriptedResponse.serve().withTurnFailureAfter(2, "The agent failed"), Endpoint.STREAM)
            val events = turn(session.sessionId)
            events shouldHaveSize 3
            val stop = events.last().shouldBeInstanceOf<ChatEvent.Stop>()
            stop.isError shouldBe true
            stop.error shouldBe "The agent failed"
        }
    }

    context("errors") {
        val statuses: List<Pair<Int, KClass<out ApiException>>> = listOf(
            400 to BadRequestException::class, 401 to UnauthorizedException::class,
            403 to PermissionDeniedException::class, 404 to NotFoundException::class, 409 to ConflictException::class,
            422 to UnprocessableEntityException::class, 429 to RateLimitException::class,
            500 to InternalServerException::class, 502 to InternalServerException::class,
            503 to InternalServerException::class, 504 to InternalServerException::class, 418 to ApiException::class,
        )
        for ((status, type) in statuses) {
            test("$status becomes ${type.simpleName} with status, detail, headers and request id") {
                val session = api.create()
                server.enqueue(ScriptedResponse.status(status).withBody("application/json", """{"detail":"Detail of $status"}"""), Endpoint.SUMMARY)
                val failure = shouldThrow<ApiException> { api.summary(session.sessionId) }
                failure::class shouldBe type
                failure.status shouldBe status
                failure.detail shouldBe "Detail of $status"
                failure.requestId.shouldNotBeNull() shouldStartWith "req_"
                failure.header("Content-Type") shouldBe "application/json"
                failure.message shouldContain "$status"
                failure.message shouldContain "Detail of $status"
                failure.message shouldNotContain server.apiKey!!
            }
        }

        test("a 422's list of validation errors is parsed") {
            server.enqueue(
                ScriptedResponse.status(422).withBody("application/json", """{"detail":[{"loc":["body","prompt"],"msg":"Field required","type":"missing"}]}"""),
                Endpoint.CREATE,
            )
            val failure = shouldThrow<UnprocessableEntityException> { api.create() }
            failure.validationErrors shouldContainExactly listOf(ValidationError(listOf("body", "prompt"), "Field required", "missing"))
            failure.detail shouldBe "body.prompt: Field required"
        }

        test("a 429 says how long to wait") {
            server.enqueue(ScriptedResponse.status(429).withHeader("Retry-After", "7"), Endpoint.LIST)
            shouldThrow<RateLimitException> { api.listPage() }.retryAfter shouldBe Duration.ofSeconds(7)
        }

        test("a stream's status is checked before any decoding") {
            val session = api.create(listOf(DEMO_INDEX))
            server.enqueue(ScriptedResponse.status(503).withBody("application/json", """{"detail":"Overloaded"}"""), Endpoint.STREAM)
            shouldThrow<InternalServerException> { turn(session.sessionId) }.detail shouldBe "Overloaded"
        }

        test("a stream answered with another content type fails with UnexpectedResponseException") {
            val session = api.create(listOf(DEMO_INDEX))
            server.enqueue(ScriptedResponse.status(200).withBody("application/json", "{}".toByteArray()), Endpoint.STREAM)
            val failure = shouldThrow<UnexpectedResponseException> { turn(session.sessionId) }
            failure.status shouldBe 200
            failure.contentType shouldBe "application/json"
        }

        test("a success that is not JSON, or not the promised JSON, fails with UnexpectedResponseException") {
            val session = api.create()
            server.enqueue(ScriptedResponse.status(200).withBody("text/html", "<html>proxy login</html>".toByteArray()), Endpoint.SUMMARY)
            shouldThrow<UnexpectedResponseException> { api.summary(session.sessionId) }.contentType shouldBe "text/html"
            server.enqueue(ScriptedResponse.status(200).withBody("application/json", """{"unexpected":true}""".toByteArray()), Endpoint.SUMMARY)
            shouldThrow<UnexpectedResponseException> { api.summary(session.sessionId) }.status shouldBe 200
        }
    }

    context("requests") {
        test("ids that look like paths stay one path segment") {
            for (id in listOf("../x", "a/b", "a?b", "a#b", "%2F", "%2e%2e", "...", "ses 1", "ü/..")) {
                server.clearRequests()
                shouldThrow<NotFoundException> { api.summary(id) }
                val request = server.requests.single()
                request.endpoint shouldBe Endpoint.SUMMARY
                request.path.split('/').size shouldBe 6
                request.sessionId shouldBe id
            }
        }

        test("arguments that can never be valid fail before any request") {
            shouldThrow<IllegalArgumentException> { api.summary(" ") }
            // Dot segments: HTTP stacks may resolve them even when percent-encoded, reaching another path.
            shouldThrow<IllegalArgumentException> { api.retrieve("..") }
            shouldThrow<IllegalArgumentException> { api.delete(".") }
            shouldThrow<IllegalArgumentException> { api.listPage(pageSize = 0) }
            shouldThrow<IllegalArgumentException> { api.listPage(pageSize = 101) }
            shouldThrow<IllegalArgumentException> { api.listPage(pageToken = "") }
            shouldThrow<IllegalArgumentException> { api.create(projectId = "not-a-uuid") }
            shouldThrow<IllegalArgumentException> { api.create(listOf(DEMO_INDEX, "")) }
            shouldThrow<IllegalArgumentException> { api.generateTitle("ses-1", "  ") }
            shouldThrow<IllegalArgumentException> { api.stream("ses-1", "x".repeat(1001), listOf(DEMO_INDEX)).collect() }
            shouldThrow<IllegalArgumentException> { api.stream("ses-1", "", listOf(DEMO_INDEX)).collect() }
            shouldThrowExactly<IllegalArgumentException> { api.list(organizationId = "nope").collect() }
            server.requests.shouldBeEmpty()
        }

        test("query parameters are sent only when given") {
            api.listPage()
            server.requests.single().query shouldBe emptyMap()
            server.clearRequests()
            val project = newProject()
            val organization = UUID.randomUUID().toString()
            api.listPage(pageSize = 5, organizationId = organization, projectId = project)
            server.requests.single().query shouldBe mapOf(
                "organization_id" to listOf(organization), "project_id" to listOf(project), "page_size" to listOf("5"),
            )
        }

        test("bodies are the wire's JSON and every request carries the key as a bearer token") {
            fun body() = Json.parseToJsonElement(server.takeRequest()!!.body).jsonObject
            val session = api.create()
            body() shouldBe Json.parseToJsonElement("{}")
            api.create(listOf(DEMO_INDEX))
            body() shouldBe Json.parseToJsonElement("""{"index_ids":["idx-demo"]}""")
            api.generateTitle(session.sessionId, "Expenses?")
            body() shouldBe Json.parseToJsonElement("""{"first_message":"Expenses?"}""")
            turn(session.sessionId, "Hi \"there\"", emptyList())
            body() shouldBe Json.parseToJsonElement("""{"prompt":"Hi \"there\"","index_ids":[]}""")
            server.requests.map { it.header("authorization") }.toSet() shouldBe setOf("Bearer ${server.apiKey}")
        }
    }
})

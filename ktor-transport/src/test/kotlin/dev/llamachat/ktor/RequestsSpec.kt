package dev.llamachat.ktor

import dev.llamachat.ApiException
import dev.llamachat.UnauthorizedException
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud.Companion.DEMO_INDEX
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.string.shouldNotContain
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.flow.toList

/** What [LlamaCloudChat] puts on the wire for each call, beyond the contract: headers, defaults, logging. */
class RequestsSpec : FunSpec({
    val server = startServer()
    afterSpec { server.close() }
    beforeEach {
        server.clearRequests()
        server.clearQueue()
    }

    context("each of the seven calls") {
        test("sends its method, raw path, query and body, with the key, User-Agent and default headers") {
            testChat(server) {
                organizationId = ORGANIZATION
                projectId = PROJECT
                defaultHeaders["X-Trace-Id"] = "trace-1"
            }.use { chat ->
                val session = chat.create(listOf(DEMO_INDEX))
                val id = session.sessionId
                chat.listPage(pageSize = 10)
                chat.retrieve(id)
                chat.summary(id)
                chat.generateTitle(id, "Q3 findings")
                chat.stream(id, "What were the main findings in Q3?", listOf(DEMO_INDEX)).toList()
                chat.delete(id)

                val requests = server.requests
                requests.map { "${it.method} ${it.path} ${it.endpoint}" } shouldBe listOf(
                    "POST /api/v1/chat CREATE",
                    "GET /api/v1/chat LIST",
                    "GET /api/v1/chat/$id RETRIEVE",
                    "GET /api/v1/chat/$id/summary SUMMARY",
                    "POST /api/v1/chat/$id/title TITLE",
                    "POST /api/v1/chat/$id/messages/stream STREAM",
                    "DELETE /api/v1/chat/$id DELETE",
                )
                for (request in requests) {
                    request.queryParameter("organization_id") shouldBe ORGANIZATION
                    request.queryParameter("project_id") shouldBe PROJECT
                    request.header("authorization") shouldBe "Bearer $TEST_KEY"
                    request.header("user-agent")!! shouldMatch Regex("""llamachat-kotlin/\d+\.\d+\.\d+(-SNAPSHOT)? \(ktor; jvm [^)]+\)""")
                    request.header("x-trace-id") shouldBe "trace-1"
                }
                requests[1].queryParameter("page_size") shouldBe "10"
                requests.filter { it.body.isNotEmpty() }.map { it.header("content-type") }.toSet() shouldBe setOf("application/json")
                requests.single { it.endpoint == Endpoint.STREAM }.header("accept") shouldBe "text/event-stream"
                requests.single { it.endpoint == Endpoint.SUMMARY }.header("accept") shouldBe "application/json"
            }
        }

        test("a call's own organization and project override the client's defaults") {
            testChat(server) { projectId = PROJECT }.use { chat ->
                chat.listPage(projectId = OTHER_PROJECT, organizationId = ORGANIZATION)
                val query = server.requests.single().query
                query["project_id"] shouldBe listOf(OTHER_PROJECT)
                query["organization_id"] shouldBe listOf(ORGANIZATION)
            }
        }

        test("a page token is sent percent-encoded and arrives unchanged") {
            testChat(server).use { chat ->
                runCatching { chat.listPage(pageToken = "a+b/c=d&e f%") }
                server.requests.single().queryParameter("page_token") shouldBe "a+b/c=d&e f%"
            }
        }

        test("default headers may replace the User-Agent") {
            testChat(server) { defaultHeaders["User-Agent"] = "my-app/1.0" }.use { chat ->
                chat.listPage()
                server.requests.single().header("user-agent") shouldBe "my-app/1.0"
            }
        }

        test("a redirect is not followed, since it could carry the key to another host") {
            testChat(server) { maxRetries = 0 }.use { chat ->
                server.enqueue(
                    ScriptedResponse.status(302).withBody("text/plain", ByteArray(0)).withHeader("Location", "http://127.0.0.1:9/steal"),
                    Endpoint.LIST,
                )
                shouldThrow<ApiException> { chat.listPage() }.status shouldBe 302
                server.requests shouldHaveSize 1
            }
        }

        test("a wrong key is an UnauthorizedException whose message does not show any key") {
            testChat(server) { apiKey = "llx-wrong-key" }.use { chat ->
                val failure = shouldThrow<UnauthorizedException> { chat.listPage() }
                failure.message shouldContain "LLAMA_CLOUD_API_KEY"
                failure.message shouldNotContain "llx-wrong-key"
                failure.message shouldNotContain TEST_KEY
            }
        }
    }

    context("logging") {
        test("the logger gets a line per request, answer and retry, never a header or the key") {
            val lines = CopyOnWriteArrayList<String>()
            val sleeper = RecordingSleeper()
            testChat(server, sleeper) { logger = { lines += it } }.use { chat ->
                server.enqueue(ScriptedResponse.status(503), Endpoint.CREATE)
                val session = chat.create(listOf(DEMO_INDEX))
                chat.stream(session.sessionId, "What were the main findings in Q3?", listOf(DEMO_INDEX)).toList()
            }
            lines shouldHaveSize 7
            lines[0] shouldBe "--> POST /api/v1/chat"
            lines[1] shouldMatch Regex("""<-- 503 \(\d+ ms\)""")
            lines[2] shouldBe "    retrying in 500 ms (retry 1 of 2)"
            lines[3] shouldBe "--> POST /api/v1/chat (retry 1)"
            lines[4] shouldMatch Regex("""<-- 200 \(\d+ ms\)""")
            lines[5] shouldMatch Regex("""--> POST /api/v1/chat/[^/]+/messages/stream""")
            lines[6] shouldMatch Regex("""<-- 200 \(\d+ ms\)""")
            for (line in lines) {
                line shouldNotContain TEST_KEY
                line.lowercase() shouldNotContain "authorization"
                line.lowercase() shouldNotContain "bearer"
            }
        }

        test("failures are logged with their cause") {
            val lines = CopyOnWriteArrayList<String>()
            testChat(server) { logger = { lines += it }; maxRetries = 0 }.use { chat ->
                server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.disconnectAtStart()), Endpoint.LIST)
                runCatching { chat.listPage() }
            }
            lines[0] shouldBe "--> GET /api/v1/chat"
            lines[1] shouldContain "<-- failed: "
            lines.toList() shouldContainAll listOf("--> GET /api/v1/chat")
        }
    }
})

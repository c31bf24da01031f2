package dev.llamachat.reliability

import dev.llamachat.BadRequestException
import dev.llamachat.NotFoundException
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.withTimeout

/** Ids a careless or hostile caller might pass: each must stay one path segment, whatever it contains. */
private val HOSTILE_IDS = listOf(
    "../x", "../../admin", "a/b", "a?b=c", "a?page_size=1", "x#y", "%2F", "%2e%2e", "a%2F..%2Fb", "é/..", "a b", "a;b",
    "a\r\nX-Injected: 1", "a\u0000b", "./", "...", "ses-1/summary", "ses-1/messages/stream", "\\..\\x", "?", "#", "&", "=",
)

/** Page tokens that try to add or override query parameters. */
private val HOSTILE_TOKENS = listOf(
    "&page_size=1", "x&project_id=00000000-0000-0000-0000-000000000000", "a=b", "#frag", "%26page_size%3D1", "tok en",
    "é&x=1", "a+b", "?page_token=x", "\r\nX-Injected: 1",
)

/**
 * Ids and query values cannot change a request's path or add parameters: testkit records each request's raw path
 * and decoded query, and the hostile strings arrive as exactly one path segment or one parameter's value.
 * Plain HTTP to a host that is not this machine is refused before any request could be made.
 */
class HostileInputSpec : FunSpec({
    context("session ids stay one path segment") {
        test("for every endpoint that takes an id, each hostile id reaches the server as that id, in one segment") {
            LocalLlamaCloud.builder().apiKey(CANARY_KEY).start().use { server ->
                testChat(server.baseUrl) { maxRetries = 0 }.use { chat ->
                    val calls: List<Pair<Endpoint, suspend (String) -> Any?>> = listOf(
                        Endpoint.RETRIEVE to { id -> chat.retrieve(id) },
                        Endpoint.SUMMARY to { id -> chat.summary(id) },
                        Endpoint.DELETE to { id -> chat.delete(id) },
                        Endpoint.TITLE to { id -> chat.generateTitle(id, "hello") },
                        Endpoint.STREAM to { id -> chat.stream(id, "hello", listOf(LocalLlamaCloud.DEMO_INDEX)).collect {} },
                    )
                    for (id in HOSTILE_IDS) for ((endpoint, call) in calls) {
                        withClue("$endpoint with id '$id'") {
                            server.clearRequests()
                            // No session has such an id: the server answers 404, as it must for the id itself.
                            shouldThrow<NotFoundException> { withTimeout(HANG_GUARD) { call(id) } }
                            val request = server.requests.single()
                            request.endpoint shouldBe endpoint
                            request.sessionId shouldBe id
                            request.path shouldStartWith "/api/v1/chat/"
                            request.path.removePrefix("/api/v1/chat/").substringBefore('/').let { segment ->
                                segment.none { it == '?' || it == '#' } shouldBe true
                            }
                            request.query shouldBe emptyMap()
                        }
                    }
                }
            }
        }
        test("ids that can never name a session fail before any request") {
            LocalLlamaCloud.builder().apiKey(CANARY_KEY).start().use { server ->
                testChat(server.baseUrl).use { chat ->
                    for (id in listOf("", " ", "\t\n", ".", "..")) {
                        shouldThrow<IllegalArgumentException> { chat.retrieve(id) }
                        shouldThrow<IllegalArgumentException> { chat.stream(id, "hello", listOf("idx-demo")) }
                    }
                    server.requests.shouldBeEmpty()
                }
            }
        }
    }

    context("query values stay one parameter's value") {
        test("a hostile page token arrives as exactly that token and adds no parameter") {
            LocalLlamaCloud.builder().apiKey(CANARY_KEY).start().use { server ->
                testChat(server.baseUrl) { maxRetries = 0 }.use { chat ->
                    for (token in HOSTILE_TOKENS) {
                        withClue("page token '$token'") {
                            server.clearRequests()
                            shouldThrow<BadRequestException> { withTimeout(HANG_GUARD) { chat.listPage(pageSize = 5, pageToken = token) } }
                            val request = server.requests.single()
                            request.endpoint shouldBe Endpoint.LIST
                            request.path shouldBe "/api/v1/chat"
                            request.query shouldBe mapOf("page_size" to listOf("5"), "page_token" to listOf(token))
                        }
                    }
                }
            }
        }
        test("organization and project ids must be UUIDs, checked before any request") {
            LocalLlamaCloud.builder().apiKey(CANARY_KEY).start().use { server ->
                testChat(server.baseUrl).use { chat ->
                    for (bad in listOf("x&page_size=1", "../00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000&a=b")) {
                        shouldThrow<IllegalArgumentException> { chat.listPage(projectId = bad) }
                        shouldThrow<IllegalArgumentException> { chat.create(organizationId = bad) }
                    }
                    server.requests.shouldBeEmpty()
                }
            }
        }
        test("a prompt that looks like JSON or HTTP travels as the prompt, inside the JSON body") {
            LocalLlamaCloud.builder().apiKey(CANARY_KEY).start().use { server ->
                testChat(server.baseUrl).use { chat ->
                    val id = chat.create(listOf(LocalLlamaCloud.DEMO_INDEX)).sessionId
                    val prompt = "\",\"index_ids\":[\"idx-handbook\"],\"x\":\"\r\nAuthorization: Bearer other\u0000"
                    server.clearRequests()
                    chat.stream(id, prompt, listOf(LocalLlamaCloud.DEMO_INDEX)).collect {}
                    val body = dev.llamachat.internal.LlamaJson.parseToJsonElement(server.requests.single().body)
                    body.toString() shouldBe kotlinx.serialization.json.buildJsonObject {
                        put("prompt", kotlinx.serialization.json.JsonPrimitive(prompt))
                        put("index_ids", kotlinx.serialization.json.JsonArray(listOf(kotlinx.serialization.json.JsonPrimitive(LocalLlamaCloud.DEMO_INDEX))))
                    }.toString()
                }
            }
        }
    }

    context("plain HTTP") {
        test("an http:// base URL on a host that is not this machine is refused when the client is made") {
            for (url in listOf("http://example.com", "http://10.0.0.1:8080", "http://192.168.1.10", "http://[2001:db8::1]:80",
                "http://localhost.example.com", "http://127.0.0.1.nip.io", "HTTP://EXAMPLE.COM/proxy")) {
                withClue(url) {
                    val error = shouldThrow<IllegalArgumentException> { LlamaCloudChat { baseUrl = url; apiKey = CANARY_KEY } }
                    error.message!! shouldContain "http://"
                    error.message!! shouldContain "allowInsecureHttp"
                }
            }
        }
        test("loopback hosts may use http://, and allowInsecureHttp lifts the refusal deliberately") {
            for (url in listOf("http://127.0.0.1:1", "http://127.0.0.2:1", "http://localhost:1", "http://[::1]:1", "http://api.localhost:1")) {
                LlamaCloudChat { baseUrl = url; apiKey = CANARY_KEY }.close()
            }
            LlamaCloudChat { baseUrl = "http://example.com"; apiKey = CANARY_KEY; allowInsecureHttp = true }.close()
        }
    }
})

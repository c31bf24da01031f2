package dev.llamachat.samples

import dev.llamachat.StreamEndedBeforeStopException
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** How an application tests its own code against testkit; README's "Testing with testkit" is copied from here. */
class TestingWithTestkitSpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())              // a free port on 127.0.0.1
    val chat = autoClose(LlamaCloudChat { apiKey = "test"; baseUrl = server.baseUrl })

    test("answers from the built-in idx-demo index") {
        val turn = chat.startSession(indexIds = listOf("idx-demo")).ask("What were the main findings in Q3?")
        turn.text shouldContain "churn fell to 2.1%"
        turn.toolUses.single().call.name shouldBe "search_index"
    }

    test("a 429 is retried, as the server asked") {
        server.clearRequests()
        server.enqueue(ScriptedResponse.status(429).withHeader("Retry-After", "0"), Endpoint.CREATE)
        chat.create(indexIds = listOf("idx-demo"))
        server.requests.count { it.endpoint == Endpoint.CREATE } shouldBe 2
    }

    test("a stream cut before its stop event fails the turn") {
        val session = chat.startSession(indexIds = listOf("idx-demo"))
        server.enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.endAfterEvents(3)), Endpoint.STREAM)                        // the next call sends 3 events, then hangs up
        shouldThrow<StreamEndedBeforeStopException> { session.ask("What were the main findings in Q3?") }
    }
})

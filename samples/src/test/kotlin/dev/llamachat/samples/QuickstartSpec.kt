package dev.llamachat.samples

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveAtLeastSize
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith

private const val Q3_ANSWER = "churn fell to 2.1% after predictive-maintenance alerts launched"
private val USAGE = Regex("""\[usage] \d+ tokens in / \d+ out, \d+ ms, turn 1""")

class QuickstartSpec : FunSpec({
    context("streamOneTurn") {
        val server = autoClose(LocalLlamaCloud.start())
        val chat = autoClose(server.client())

        test("prints the session, the prompt, the tool call, the answer and the usage, in that order") {
            val captured = Captured()
            Quickstart.streamOneTurn(chat, "idx-demo", Quickstart.DEFAULT_PROMPT, captured.out)

            val lines = captured.lines()
            lines[0] shouldMatch Regex("Session ses-[0-9a-f-]+ on idx-demo")
            lines[1] shouldBe "> What were the main findings in Q3?"
            lines[2] shouldBe """[tool] search_index {"query":"What were the main findings in Q3?","index_ids":["idx-demo"]}"""
            lines[3] shouldBe "According to the Q3 2025 Quarterly Report:"
            captured.text() shouldContain Q3_ANSWER
            lines.last { it.isNotEmpty() } shouldMatch USAGE
        }

        test("shows the answer token by token: the output grows at each text delta, not at the end") {
            val captured = Captured()
            Quickstart.streamOneTurn(chat, "idx-demo", Quickstart.DEFAULT_PROMPT, captured.out)

            val whole = captured.text()
            val answerStart = whole.indexOf("According to")
            // Each flush shows a longer part of the answer than the one before.
            val partial = captured.snapshots.filter { it.length > answerStart && !it.contains("[usage]") }
                .map { it.length }.distinct()
            partial shouldHaveAtLeastSize 20
            partial.first() shouldBeLessThan whole.indexOf(Q3_ANSWER)
        }

        test("binds the session to the index it is given") {
            val captured = Captured()
            server.clearRequests()
            Quickstart.streamOneTurn(chat, "idx-handbook", "How many days of paid time off do employees get?", captured.out)

            server.requests.first { it.endpoint == Endpoint.CREATE }.body shouldBe """{"index_ids":["idx-handbook"]}"""
            captured.lines()[2] shouldContain "idx-handbook"
        }
    }

    context("main, run as README's first command runs it") {
        test("with no API key, starts a local LlamaCloud, says so in one line, and prints nothing else but the turn") {
            val result = runJava("dev.llamachat.samples.Quickstart", NO_LLAMA_CLOUD_ENV)

            result.exitCode shouldBe 0
            result.stderr shouldBe ""
            val lines = result.stdout.lines()
            lines[0] shouldMatch Regex("""No LLAMA_CLOUD_API_KEY set: using a local LlamaCloud \(testkit\) at http://127\.0\.0\.1:\d+\.""")
            lines[1] shouldMatch Regex("Session ses-[0-9a-f-]+ on idx-demo")
            lines[3] shouldStartWith "[tool] search_index "
            result.stdout shouldContain Q3_ANSWER
            lines.last { it.isNotEmpty() } shouldMatch USAGE
        }

        test("with an API key, talks to LLAMA_CLOUD_BASE_URL with it, on LLAMA_CLOUD_INDEX_ID, and asks the arguments") {
            LocalLlamaCloud.builder().apiKey("sk-quickstart-0123").start().use { service ->
                val env = NO_LLAMA_CLOUD_ENV + mapOf(
                    "LLAMA_CLOUD_API_KEY" to "sk-quickstart-0123",
                    "LLAMA_CLOUD_BASE_URL" to service.baseUrl,
                    "LLAMA_CLOUD_INDEX_ID" to "idx-handbook",
                )
                val result = runJava("dev.llamachat.samples.Quickstart", env, "", "How", "does", "remote", "work", "work?")

                result.exitCode shouldBe 0
                result.stderr shouldBe ""
                result.stdout shouldNotContain "No LLAMA_CLOUD_API_KEY"
                result.stdout shouldNotContain "sk-quickstart-0123"
                result.stdout.lines()[1] shouldBe "> How does remote work work?"
                val stream = service.requests.single { it.endpoint == Endpoint.STREAM }
                stream.header("authorization") shouldBe "Bearer sk-quickstart-0123"
                stream.body shouldBe """{"prompt":"How does remote work work?","index_ids":["idx-handbook"]}"""
            }
        }
    }
})

package dev.llamachat.samples.chat

import dev.llamachat.samples.NO_LLAMA_CLOUD_ENV
import dev.llamachat.samples.client
import dev.llamachat.samples.stallNextTurnBeforeItsEnd
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.samples.runJava
import dev.llamachat.samples.startJava
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainInOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import java.time.Duration
import java.util.concurrent.TimeUnit

class ChatMainSpec : FunSpec({
    test("echo \"question\" | chat: plain lines without colours, against a local LlamaCloud, then exits") {
        val result = runJava("dev.llamachat.samples.chat.ChatMain", NO_LLAMA_CLOUD_ENV, "What were the main findings in Q3?\n/history\n")

        result.exitCode shouldBe 0
        result.stderr shouldBe ""
        result.stdout shouldNotContain "\u001b"
        val lines = result.stdout.lines()
        lines[0] shouldMatch Regex("""No LLAMA_CLOUD_API_KEY set: using a local LlamaCloud \(testkit\) at http://127\.0\.0\.1:\d+\.""")
        lines shouldContainInOrder listOf(
            "> What were the main findings in Q3?",
            """[tool] search_index {"query":"What were the main findings in Q3?","index_ids":["idx-demo"]}""",
            "According to the Q3 2025 Quarterly Report:",
            "> /history",
            "  > What were the main findings in Q3?",
            "Bye.",
        )
    }

    test("a service that cannot be reached: the error, and exit status 69") {
        val result = runJava("dev.llamachat.samples.chat.ChatMain", mapOf("LLAMA_CLOUD_API_KEY" to "sk-test", "LLAMA_CLOUD_BASE_URL" to "http://127.0.0.1:1"), "never read\n")

        result.exitCode shouldBe ExitStatus.UNAVAILABLE
        result.stdout.lines().first() shouldStartWith "[error] "
    }

    test("invalid settings: said, and exit status 78") {
        val result = runJava("dev.llamachat.samples.chat.ChatMain", mapOf("LLAMA_CLOUD_API_KEY" to "sk-test", "LLAMA_CLOUD_BASE_URL" to "not a url"), "")

        result.exitCode shouldBe ExitStatus.CONFIG
        result.stdout shouldStartWith "Cannot start: "
    }

    test("SIGINT (Ctrl-C) during an answer stops that answer, and the chat reads on") {
        LocalLlamaCloud.start().use { server ->
            // The answer stalls before its end on a server this test holds, so the SIGINT lands mid-answer however
            // slow the machine (a paced answer could end first: it did on a loaded one).
            server.client().use { chat -> server.stallNextTurnBeforeItsEnd(chat, "What were the main findings in Q3?", "idx-demo") }
            val env = NO_LLAMA_CLOUD_ENV + mapOf("LLAMA_CLOUD_API_KEY" to "sk-test", "LLAMA_CLOUD_BASE_URL" to server.baseUrl)
            val process = startJava("dev.llamachat.samples.chat.ChatMain", env)
            try {
                val input = process.outputStream.bufferedWriter()
                val output = process.inputStream.bufferedReader()
                input.write("What were the main findings in Q3?\n")
                input.flush()
                val seen = mutableListOf<String>()
                while (seen.lastOrNull()?.startsWith("[tool] ") != true) seen += output.readLine()
                ProcessBuilder("kill", "-INT", process.pid().toString()).start().waitFor() shouldBe 0
                input.write("/quit\n")
                input.flush()
                seen += output.readLines()

                process.waitFor(1, TimeUnit.MINUTES) shouldBe true
                process.exitValue() shouldBe 0
                seen.last { it.isNotEmpty() } shouldBe "Bye."
                seen shouldContainInOrder listOf("[cancelled]", "> /quit", "Bye.")
                seen.none { it.startsWith("[usage]") } shouldBe true
                server.awaitIdle(Duration.ofSeconds(10)) shouldBe true // the stopped answer's connection was closed
            } finally {
                process.destroyForcibly()
            }
        }
    }
})

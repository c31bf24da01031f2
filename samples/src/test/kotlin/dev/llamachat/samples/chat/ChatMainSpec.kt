package dev.llamachat.samples.chat

import dev.llamachat.samples.NO_LLAMA_CLOUD_ENV
import dev.llamachat.samples.runJava
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainInOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.string.shouldNotContain

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
})

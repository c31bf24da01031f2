package dev.llamachat.samples

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch

class SessionTourSpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())
    val chat = autoClose(server.client())

    test("makes every session call, lists across pages, and deletes what it created") {
        // 23 sessions already there: with the tour's 2, the listing needs two pages of 20.
        val existing = (1..23).map { chat.create(listOf("idx-demo")).sessionId }
        server.clearRequests()
        val captured = Captured()

        SessionTour.run(chat, "idx-demo", captured.out)

        val lines = captured.lines()
        lines[0] shouldMatch Regex("created ses-[0-9a-f-]+ on \\[idx-demo], and ses-[0-9a-f-]+ unbound")
        val listed = lines.filter { it.startsWith("listed ") }
        listed.size shouldBe 25
        existing.forEach { id -> listed shouldContain "listed $id (untitled)" }
        server.requests.filter { it.endpoint == Endpoint.LIST && it.queryParameter("page_size") == "20" }.size shouldBe 2
        lines shouldContain "first page: 1 session(s), more: true"
        lines shouldContain "answer: According to the Q3 2025 Quarterly Report:"
        lines.single { it.startsWith("summary: ") } shouldMatch Regex("summary: 1 turn\\(s\\), updated \\S+Z")
        lines shouldContain "  user: What were the main findings in Q3?"
        lines shouldContain "  tool: search_index"
        lines shouldContain "title: Quarterly results: the Q3 findings..."
        lines shouldContain "deleted: 404"
        server.sessionCount() shouldBe 23
    }
})

package dev.llamachat.samples

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.time.Duration

class CancelTurnSpec : FunSpec({
    test("stops the answer mid-way, frees the session for the next turn, and leaves nothing running") {
        LocalLlamaCloud.start().use { server ->
            server.client().use { chat ->
                // The cancellation always lands while the answer is still coming: the turn stalls before its end.
                val answer = server.stallNextTurnBeforeItsEnd(chat, "What were the main findings in Q3?", "idx-demo")
                server.clearRequests()
                val captured = Captured()
                CancelTurn.run(chat, "idx-demo", captured.out)

                val text = captured.text()
                val cancelled = Regex("""\[cancelled after (\d+) characters]""").find(text)!!.groupValues[1].toInt()
                cancelled shouldBeGreaterThanOrEqual CancelTurn.STOP_AFTER_CHARACTERS
                cancelled shouldBeLessThan answer.length
                text shouldContain "next turn: According to the Q4 2025 Quarterly Report:"
                // The cancelled turn and the next one; a third request is the next turn sent again after a 409 "a turn
                // is already running" (the server may still be ending the cancelled turn), which the SDK retries by design.
                server.requests.count { it.endpoint == Endpoint.STREAM } shouldBeInRange 2..3
                server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
                server.sessionCount() shouldBe 0
            }
        }
    }
})

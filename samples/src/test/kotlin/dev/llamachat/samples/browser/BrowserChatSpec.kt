package dev.llamachat.samples.browser

import dev.llamachat.samples.client
import dev.llamachat.samples.stallNextTurnBeforeItsEnd
import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.nio.file.Files
import java.nio.file.Paths
import java.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/**
 * The browser chat in a real browser: headless Chromium loads the page from [BrowserChatServer], which talks to a
 * local LlamaCloud. CI installs Chromium; without it this test fails, unless `-Dllamachat.skipBrowserTest=true`
 * says on purpose that this machine cannot run it.
 */
class BrowserChatSpec : FunSpec({
    val skip = System.getProperty("llamachat.skipBrowserTest") == "true"
    val binary = HeadlessChromium.binary()

    test("a question answered token by token in the page; closing the page ends the turn upstream").config(enabled = !skip) {
        checkNotNull(binary) {
            "Chromium is needed for this test: install it (Debian: apt-get install -y chromium), set CHROMIUM to its " +
                "path, or run with -Dllamachat.skipBrowserTest=true to skip this test on purpose"
        }
        val cloud = LocalLlamaCloud.start()
        val chat = cloud.client()
        // A quick heartbeat: the server learns that the page is gone at its next write, and the stalled turn below
        // writes nothing else.
        val server = BrowserChatServer(chat, LocalLlamaCloud.DEMO_INDEX, heartbeat = 100.milliseconds)
        try {
            val url = server.start()
            HeadlessChromium.launch(binary).use { browser ->
                browser.navigate(url)
                browser.evaluate("document.getElementById('question').value = 'What were the main findings in Q3?'; document.getElementById('ask').click()")
                browser.awaitTrue("document.querySelector('.turn.done')")

                browser.evaluateString("document.querySelector('.turn .question').textContent") shouldBe "What were the main findings in Q3?"
                browser.evaluateString("document.querySelector('.turn .thinking').textContent")!! shouldStartWith "The user asks:"
                browser.evaluateString("document.querySelector('.turn .tool').textContent") shouldBe
                    """[tool] search_index {"query":"What were the main findings in Q3?","index_ids":["idx-demo"]}"""
                browser.evaluateString("document.querySelector('.turn .answer').textContent")!! shouldStartWith
                    "According to the Q3 2025 Quarterly Report:"
                browser.evaluateString("document.querySelector('.turn .usage').textContent")!! shouldContain Regex("""\d+ tokens in / \d+ out, \d+ ms, turn 1""")
                // The answer the page shows is the one the service stored, character for character.
                val sessionId = browser.evaluateString("sessionId")!!
                val stored = chat.retrieve(sessionId).events.filterIsInstance<dev.llamachat.ChatEvent.Text>().single().content
                browser.evaluateString("document.querySelector('.turn .answer').textContent") shouldBe stored
                val screenshot = Paths.get("target", "browser-chat.png")
                browser.screenshot(screenshot)
                Files.size(screenshot) shouldBeGreaterThan 1000L

                // The second answer stalls before its end, so it is still streaming when the page is closed.
                cloud.stallNextTurnBeforeItsEnd(chat, "And what happened in Q4?", LocalLlamaCloud.DEMO_INDEX)
                browser.evaluate("document.getElementById('question').value = 'And what happened in Q4?'; document.getElementById('ask').click()")
                browser.awaitTrue("document.querySelectorAll('.turn')[1].querySelector('.answer').textContent.length > 0")
                cloud.runningTurns shouldBe 1
                browser.closePage()
                cloud.awaitIdle(Duration.ofSeconds(30)) shouldBe true
                cloud.runningTurns shouldBe 0
                cloud.openStreams shouldBe 0
            }
        } finally {
            server.stop()
            chat.close()
            cloud.close()
        }
    }
})

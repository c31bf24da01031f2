package dev.llamachat

import dev.llamachat.FakeChatApi.Call
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest

private const val ORG = "123e4567-e89b-12d3-a456-426614174000"
private const val PROJECT = "00000000-0000-4000-8000-000000000001"

private fun summaryOf(id: String) = SessionSummary(id, "2026-04-22T12:34:41.342245")

/** Three pages: a b | c d | e. */
private fun FakeChatApi.threePages(): FakeChatApi = apply {
    pages[null] = Page(listOf(summaryOf("a"), summaryOf("b")), "t1")
    pages["t1"] = Page(listOf(summaryOf("c"), summaryOf("d")), "t2")
    pages["t2"] = Page(listOf(summaryOf("e")), null)
}

private fun FakeChatApi.tokensAsked(): List<Any?> = callsOf("listPage").map { it.args[1] }

class ChatApiSpec : FunSpec({
    context("list") {
        test("collects every session of every page, in order") {
            runTest {
                val api = FakeChatApi().threePages()
                api.list().toList().map { it.sessionId } shouldBe listOf("a", "b", "c", "d", "e")
                api.tokensAsked() shouldBe listOf(null, "t1", "t2")
            }
        }
        test("pages lazily: taking 3 sessions of a 3-page listing fetches only the first two pages") {
            runTest {
                val api = FakeChatApi().threePages()
                api.list().take(3).toList().map { it.sessionId } shouldBe listOf("a", "b", "c")
                api.tokensAsked() shouldBe listOf(null, "t1")
            }
        }
        test("fetches nothing until collected, and starts over on each collection") {
            runTest {
                val api = FakeChatApi().threePages()
                val sessions = api.list()
                api.calls.shouldBeEmpty()
                sessions.take(1).toList()
                sessions.take(1).toList()
                api.tokensAsked() shouldBe listOf(null, null)
            }
        }
        test("passes page size, organization and project to every page") {
            runTest {
                val api = FakeChatApi().threePages()
                api.list(pageSize = 2, organizationId = ORG, projectId = PROJECT).toList()
                api.callsOf("listPage") shouldBe listOf(
                    Call("listPage", listOf(2, null, ORG, PROJECT)),
                    Call("listPage", listOf(2, "t1", ORG, PROJECT)),
                    Call("listPage", listOf(2, "t2", ORG, PROJECT)),
                )
            }
        }
        test("an empty or null next page token ends the listing") {
            runTest {
                val api = FakeChatApi()
                api.pages[null] = Page(listOf(summaryOf("a")), "")
                api.list().toList().map { it.sessionId } shouldBe listOf("a")
                api.tokensAsked() shouldBe listOf(null)
            }
        }
        test("an empty page that names a next page goes on to it") {
            runTest {
                val api = FakeChatApi()
                api.pages[null] = Page(emptyList(), "t1")
                api.pages["t1"] = Page(listOf(summaryOf("a")), null)
                api.list().toList().map { it.sessionId } shouldBe listOf("a")
            }
        }
        test("an empty listing is empty") {
            runTest {
                val api = FakeChatApi()
                api.pages[null] = Page(emptyList(), null)
                api.list().toList().shouldBeEmpty()
            }
        }
        test("a page token handed out twice in a row fails with UnexpectedResponseException") {
            runTest {
                val api = FakeChatApi()
                api.pages[null] = Page(listOf(summaryOf("a")), "t1")
                api.pages["t1"] = Page(listOf(summaryOf("b")), "t1")
                val e = shouldThrow<UnexpectedResponseException> { api.list().toList() }
                e.message shouldContain "same page token"
                api.tokensAsked() shouldBe listOf(null, "t1")
            }
        }
        test("a cycle of page tokens fails instead of listing forever") {
            runTest {
                val api = FakeChatApi()
                api.pages[null] = Page(listOf(summaryOf("a")), "t1")
                api.pages["t1"] = Page(listOf(summaryOf("b")), "t2")
                api.pages["t2"] = Page(listOf(summaryOf("c")), "t1")
                shouldThrow<UnexpectedResponseException> { api.list().toList() }
                api.tokensAsked() shouldBe listOf(null, "t1", "t2")
            }
        }
        test("a failing page fails the listing after the sessions before it") {
            runTest {
                val api = FakeChatApi()
                api.pages[null] = Page(listOf(summaryOf("a")), "gone")
                val seen = ArrayList<String>()
                shouldThrow<BadRequestException> { api.list().collect { seen += it.sessionId } }
                seen shouldBe listOf("a")
            }
        }
        test("invalid arguments fail at the call, before anything is collected") {
            val api = FakeChatApi()
            shouldThrow<IllegalArgumentException> { api.list(pageSize = 0) }.message shouldContain "pageSize"
            shouldThrow<IllegalArgumentException> { api.list(pageSize = 101) }
            shouldThrow<IllegalArgumentException> { api.list(organizationId = "org-1") }.message shouldContain "organizationId"
            shouldThrow<IllegalArgumentException> { api.list(projectId = "") }.message shouldContain "projectId"
            api.calls.shouldBeEmpty()
        }
    }

    context("startSession") {
        test("creates a session and hands back a handle bound as created, with the organization and project") {
            runTest {
                val api = FakeChatApi()
                val session = api.startSession(listOf("idx-a"), ORG, PROJECT)
                api.calls shouldBe listOf(Call("create", listOf(listOf("idx-a"), ORG, PROJECT)))
                session.sessionId shouldBe "ses-1"
                session.indexIds shouldBe listOf("idx-a")
                session.organizationId shouldBe ORG
                session.projectId shouldBe PROJECT
            }
        }
        test("without index ids the handle is unbound") {
            runTest {
                val session = FakeChatApi().startSession()
                session.indexIds.shouldBeNull()
                session.indexIds().isPresent shouldBe false
            }
        }
    }

    context("session") {
        test("makes a handle without any request") {
            val api = FakeChatApi()
            val session = api.session("ses-9", listOf("idx-a"), ORG, PROJECT)
            api.calls.shouldBeEmpty()
            session.sessionId shouldBe "ses-9"
            session.indexIds shouldBe listOf("idx-a")
            session.organizationId shouldBe ORG
            session.projectId shouldBe PROJECT
        }
        test("rejects a blank id or a blank index id at once") {
            val api = FakeChatApi()
            shouldThrow<IllegalArgumentException> { api.session(" ") }.message shouldContain "sessionId"
            shouldThrow<IllegalArgumentException> { api.session("ses-1", listOf("")) }.message shouldContain "indexIds[0]"
        }
    }
})

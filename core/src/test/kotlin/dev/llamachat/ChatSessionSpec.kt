package dev.llamachat

import dev.llamachat.FakeChatApi.Call
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest

private const val ORG = "123e4567-e89b-12d3-a456-426614174000"
private const val PROJECT = "00000000-0000-4000-8000-000000000001"

private fun FakeChatApi.streamCalls(): List<Call> = callsOf("stream")

class ChatSessionSpec : FunSpec({
    context("send") {
        test("streams a turn on the session's id with its bound index ids, organization and project") {
            runTest {
                val api = FakeChatApi()
                val session = ChatSession(api, "ses-1", listOf("idx-a", "idx-b"), ORG, PROJECT)
                session.send("What were the main findings in Q3?").toList() shouldBe api.turnEvents
                api.streamCalls() shouldBe
                    listOf(Call("stream", listOf("ses-1", "What were the main findings in Q3?", listOf("idx-a", "idx-b"), ORG, PROJECT)))
            }
        }
        test("index ids given to a turn are sent instead of the bound ones, which stay") {
            runTest {
                val api = FakeChatApi()
                val session = ChatSession(api, "ses-1", listOf("idx-a"))
                session.send("q", listOf("idx-z")).toList()
                api.streamCalls().single().args[2] shouldBe listOf("idx-z")
                session.indexIds shouldBe listOf("idx-a")
            }
        }
        test("a handle made without index ids learns the bound ones with one summary request, then sends them") {
            runTest {
                val api = FakeChatApi()
                api.summaryIndexIds = listOf("idx-a")
                val session = ChatSession(api, "ses-1", null, ORG, PROJECT)
                session.send("first").toList()
                session.send("second").toList()
                api.callsOf("summary") shouldBe listOf(Call("summary", listOf("ses-1", ORG, PROJECT)))
                api.streamCalls().map { it.args[2] } shouldBe listOf(listOf("idx-a"), listOf("idx-a"))
                session.indexIds shouldBe listOf("idx-a")
            }
        }
        test("a handle from a summary, or given index ids, never asks") {
            runTest {
                val api = FakeChatApi()
                ChatSession(api, api.create(null, null, null)).send("q").toList()
                ChatSession(api, "ses-2", listOf("idx-b")).send("q").toList()
                api.callsOf("summary") shouldBe emptyList()
            }
        }
        test("an unbound session is bound by its first turn that reaches stop") {
            runTest {
                val api = FakeChatApi()
                val session = ChatSession(api, "ses-1", null)
                session.send("first", listOf("idx-a")).toList()
                session.indexIds shouldBe listOf("idx-a")
                session.send("second").toList()
                api.streamCalls().map { it.args[2] } shouldBe listOf(listOf("idx-a"), listOf("idx-a"))
            }
        }
        test("a first turn without index ids binds the session to none") {
            runTest {
                val session = ChatSession(FakeChatApi(), "ses-1", null)
                session.send("first").toList()
                session.indexIds shouldBe emptyList()
            }
        }
        test("a turn that fails before stop leaves the session unbound") {
            runTest {
                val api = FakeChatApi()
                api.turnEvents = api.turnEvents.dropLast(1)
                api.turnFailure = StreamEndedBeforeStopException(2, "text")
                val session = ChatSession(api, "ses-1", null)
                shouldThrow<StreamEndedBeforeStopException> { session.send("first", listOf("idx-a")).toList() }
                session.indexIds.shouldBeNull()
            }
        }
        test("a turn the collector abandons before stop leaves the session unbound") {
            runTest {
                val session = ChatSession(FakeChatApi(), "ses-1", null)
                session.send("first", listOf("idx-a")).take(1).toList()
                session.indexIds.shouldBeNull()
            }
        }
        test("a later turn with other index ids does not rebind a bound session") {
            runTest {
                val session = ChatSession(FakeChatApi(), "ses-1", listOf("idx-a"))
                session.send("q", listOf("idx-b")).toList()
                session.indexIds shouldBe listOf("idx-a")
            }
        }
        test("the binding is a copy: changing the caller's list later changes nothing") {
            runTest {
                val given = mutableListOf("idx-a")
                val bound = ChatSession(FakeChatApi(), "ses-1", given)
                given += "idx-b"
                bound.indexIds shouldBe listOf("idx-a")

                val turnIds = mutableListOf("idx-c")
                val unbound = ChatSession(FakeChatApi(), "ses-2", null)
                unbound.send("q", turnIds).toList()
                turnIds += "idx-d"
                unbound.indexIds shouldBe listOf("idx-c")
            }
        }
        test("the index ids are read when the turn runs: a turn made before the binding turn ran still uses the binding") {
            runTest {
                val api = FakeChatApi()
                val session = ChatSession(api, "ses-1", null)
                val first = session.send("first", listOf("idx-a"))
                val second = session.send("second")
                first.toList()
                second.toList()
                api.streamCalls().map { it.args[2] } shouldBe listOf(listOf("idx-a"), listOf("idx-a"))
            }
        }
        test("an invalid prompt or index id fails at the call, before any request") {
            val api = FakeChatApi()
            val session = ChatSession(api, "ses-1", listOf("idx-a"))
            shouldThrow<IllegalArgumentException> { session.send("  ") }.message shouldContain "prompt"
            shouldThrow<IllegalArgumentException> { session.send("x".repeat(1001)) }.message shouldContain "1001"
            shouldThrow<IllegalArgumentException> { session.send("q", listOf("")) }.message shouldContain "indexIds[0]"
            api.calls shouldBe emptyList()
        }
        test("the flow is cold: each collection runs a turn") {
            runTest {
                val api = FakeChatApi()
                val turn = ChatSession(api, "ses-1", listOf("idx-a")).send("q")
                api.streamCollections shouldBe 0
                turn.toList()
                turn.toList()
                api.streamCollections shouldBe 2
            }
        }
    }

    context("ask") {
        test("returns the folded turn, and onEvent sees each event in order") {
            runTest {
                val api = FakeChatApi()
                val seen = ArrayList<ChatEvent>()
                val turn = ChatSession(api, "ses-1", listOf("idx-a"), ORG, PROJECT).ask("q") { seen += it }
                seen shouldBe api.turnEvents
                turn.text shouldBe "Hello"
                turn.usage shouldBe Usage(turns = 1)
                turn.eventCount shouldBe 3
                api.streamCalls().single().args shouldBe listOf("ses-1", "q", listOf("idx-a"), ORG, PROJECT)
            }
        }
        test("binds an unbound session like send") {
            runTest {
                val session = ChatSession(FakeChatApi(), "ses-1", null)
                session.ask("q", listOf("idx-a"))
                session.indexIds shouldBe listOf("idx-a")
            }
        }
        test("rethrows the stream's failure as it is") {
            runTest {
                val api = FakeChatApi()
                val failure = StreamInterruptedException(1, "text_delta", java.io.IOException("reset"))
                api.turnEvents = api.turnEvents.take(1)
                api.turnFailure = failure
                shouldThrow<StreamInterruptedException> { ChatSession(api, "ses-1", null).ask("q") } shouldBeSameInstanceAs failure
            }
        }
    }

    context("the other calls use the session's id, organization and project") {
        test("history, summary, generateTitle and delete") {
            runTest {
                val api = FakeChatApi()
                val session = ChatSession(api, "ses-1", null, ORG, PROJECT)
                session.history().sessionId shouldBe "ses-1"
                session.summary().sessionId shouldBe "ses-1"
                session.generateTitle("What were the main findings in Q3?").generatedTitle shouldBe "What were the main findings in Q3?"
                session.delete()
                api.calls shouldBe listOf(
                    Call("retrieve", listOf("ses-1", ORG, PROJECT)),
                    Call("summary", listOf("ses-1", ORG, PROJECT)),
                    Call("generateTitle", listOf("ses-1", "What were the main findings in Q3?", ORG, PROJECT)),
                    Call("delete", listOf("ses-1", ORG, PROJECT)),
                )
            }
        }
        test("without organization and project they pass null, meaning the client's defaults") {
            runTest {
                val api = FakeChatApi()
                ChatSession(api, "ses-1", null).summary()
                api.calls.single() shouldBe Call("summary", listOf("ses-1", null, null))
            }
        }
    }

    context("construction") {
        test("from a summary takes its id and bound index ids") {
            val session = ChatSession(FakeChatApi(), SessionSummary("ses-7", "2026-04-22T12:34:41", indexIds = listOf("idx-a")), ORG)
            session.sessionId shouldBe "ses-7"
            session.indexIds shouldBe listOf("idx-a")
            session.indexIds().get() shouldBe listOf("idx-a")
            session.organizationId shouldBe ORG
            session.projectId.shouldBeNull()
        }
        test("a blank session id or index id is rejected") {
            shouldThrow<IllegalArgumentException> { ChatSession(FakeChatApi(), "", null) }
            shouldThrow<IllegalArgumentException> { ChatSession(FakeChatApi(), "ses-1", listOf("idx-a", "  ")) }
        }
    }
})

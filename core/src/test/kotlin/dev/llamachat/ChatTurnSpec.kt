package dev.llamachat

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.test.runTest
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

private fun call(id: String, name: String = "search_index") = ChatEvent.ToolCall(id, name, JsonObject(mapOf("q" to JsonPrimitive(id))))
private fun result(id: String, value: String = "r-$id", name: String = "search_index") = ChatEvent.ToolResult(id, name, JsonPrimitive(value))
private val stop = ChatEvent.Stop(null, false, Usage(1520.0, 812, 96, 1))

private fun fold(vararg events: ChatEvent): ChatTurn = ChatTurnCollector().apply { events.forEach(::add) }.build()

class ChatTurnSpec : FunSpec({
    context("a full turn") {
        val events = listOf(
            ChatEvent.ThinkingDelta("Let me "), ChatEvent.ThinkingDelta("search."), ChatEvent.Thinking("Let me search."),
            call("c1"), result("c1"),
            ChatEvent.TextDelta("Revenue "), ChatEvent.TextDelta("grew."), ChatEvent.Text("Revenue grew."),
            stop,
        )
        test("folds to its text, thinking, tool uses, usage and event count") {
            fold(*events.toTypedArray()) shouldBe ChatTurn(
                text = "Revenue grew.",
                thinking = "Let me search.",
                toolUses = listOf(ToolUse(call("c1"), result("c1"))),
                unpairedResults = emptyList(),
                usage = stop.usage,
                isError = false,
                error = null,
                unknownEvents = emptyList(),
                eventCount = 9,
            )
        }
        test("collectTurn folds a flow the same way, and onEvent sees each event in order") {
            runTest {
                val seen = ArrayList<ChatEvent>()
                events.asFlow().collectTurn { seen += it } shouldBe fold(*events.toTypedArray())
                seen shouldBe events
            }
        }
    }

    context("text and thinking") {
        test("without a text event the text is the deltas joined") {
            fold(ChatEvent.TextDelta("a"), ChatEvent.TextDelta("b"), ChatEvent.TextDelta("c"), stop).text shouldBe "abc"
        }
        test("without a thinking event the thinking is its deltas joined") {
            fold(ChatEvent.ThinkingDelta("x"), ChatEvent.ThinkingDelta("y"), stop).thinking shouldBe "xy"
        }
        test("the whole event wins over its deltas, even when they differ") {
            val turn = fold(ChatEvent.TextDelta("draft"), ChatEvent.Text("final"), ChatEvent.ThinkingDelta("d"), ChatEvent.Thinking("t"))
            turn.text shouldBe "final"
            turn.thinking shouldBe "t"
        }
        test("a turn with neither has empty text and thinking") {
            val turn = fold(stop)
            turn.text shouldBe ""
            turn.thinking shouldBe ""
        }
    }

    context("tool uses") {
        test("results pair with their calls by call id, in call order, even when answered out of order") {
            fold(call("a"), call("b"), result("b"), result("a")).toolUses shouldBe
                listOf(ToolUse(call("a"), result("a")), ToolUse(call("b"), result("b")))
        }
        test("a call without a result keeps a null result") {
            val use = fold(call("a"), stop).toolUses.single()
            use.result.shouldBeNull()
            use.result().isPresent shouldBe false
        }
        test("a result without a call is kept apart as unpaired") {
            val turn = fold(result("ghost"), call("a"), result("a"))
            turn.unpairedResults shouldBe listOf(result("ghost"))
            turn.toolUses shouldBe listOf(ToolUse(call("a"), result("a")))
        }
        test("a second result for an answered call is unpaired, the first stays") {
            val turn = fold(call("a"), result("a", "first"), result("a", "second"))
            turn.toolUses shouldBe listOf(ToolUse(call("a"), result("a", "first")))
            turn.unpairedResults shouldBe listOf(result("a", "second"))
        }
        test("a call id used again keeps both calls, each with its own result") {
            val turn = fold(call("c0", "search"), result("c0", "one", "search"), call("c0", "read"), result("c0", "two", "read"))
            turn.toolUses shouldBe listOf(
                ToolUse(call("c0", "search"), result("c0", "one", "search")),
                ToolUse(call("c0", "read"), result("c0", "two", "read")),
            )
            turn.unpairedResults.shouldBeEmpty()
        }
        test("two open calls with one id are answered oldest first") {
            fold(call("c0", "x"), call("c0", "y"), result("c0", "1"), result("c0", "2")).toolUses.map { it.result?.result } shouldBe
                listOf(JsonPrimitive("1"), JsonPrimitive("2"))
        }
    }

    context("stop, unknown events and the rest") {
        test("a stop that reports a failure gives isError, error and usage") {
            val failed = ChatEvent.Stop("index unavailable", true, Usage(turns = 2))
            val turn = fold(ChatEvent.TextDelta("partial"), failed)
            turn.isError shouldBe true
            turn.error shouldBe "index unavailable"
            turn.error().get() shouldBe "index unavailable"
            turn.usage shouldBe Usage(turns = 2)
            turn.usage().get() shouldBe Usage(turns = 2)
        }
        test("without a stop there is no usage and no error") {
            val turn = fold(ChatEvent.TextDelta("partial"))
            turn.usage.shouldBeNull()
            turn.usage().isPresent shouldBe false
            turn.isError shouldBe false
            turn.error.shouldBeNull()
        }
        test("unknown events are kept whole, in order") {
            val a = ChatEvent.Unknown("citation", JsonObject(mapOf("n" to JsonPrimitive(1))))
            val b = ChatEvent.Unknown(null, JsonObject(emptyMap()))
            fold(a, ChatEvent.TextDelta("x"), b, stop).unknownEvents shouldBe listOf(a, b)
        }
        test("every event counts, a user input included") {
            fold(ChatEvent.UserInput("q"), ChatEvent.Text("a"), stop).eventCount shouldBe 3
        }
        test("no events fold to an empty turn") {
            fold() shouldBe ChatTurn("", "", emptyList(), emptyList(), null, false, null, emptyList(), 0)
        }
        test("build can be called midway and again later") {
            val collector = ChatTurnCollector()
            collector.add(ChatEvent.TextDelta("a"))
            collector.build().text shouldBe "a"
            collector.add(ChatEvent.TextDelta("b"))
            collector.add(stop)
            collector.build().text shouldBe "ab"
            collector.build().eventCount shouldBe 3
        }
    }

    context("collectTurn failures") {
        test("a failing flow rethrows its exception after onEvent saw the events before it") {
            runTest {
                val failure = StreamEndedBeforeStopException(2, "text_delta")
                val seen = ArrayList<ChatEvent>()
                val thrown = shouldThrow<StreamEndedBeforeStopException> {
                    flow {
                        emit(ChatEvent.TextDelta("a"))
                        emit(ChatEvent.TextDelta("b"))
                        throw failure
                    }.collectTurn { seen += it }
                }
                thrown shouldBeSameInstanceAs failure
                seen shouldBe listOf(ChatEvent.TextDelta("a"), ChatEvent.TextDelta("b"))
            }
        }
        test("an onEvent that throws stops the collection with its exception") {
            runTest {
                val mine = IllegalStateException("ui closed")
                shouldThrow<IllegalStateException> { flowOf(ChatEvent.TextDelta("a"), stop).collectTurn { throw mine } } shouldBeSameInstanceAs mine
            }
        }
    }
})

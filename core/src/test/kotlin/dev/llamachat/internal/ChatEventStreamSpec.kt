@file:OptIn(ExperimentalCoroutinesApi::class)

package dev.llamachat.internal

import app.cash.turbine.test
import dev.llamachat.ChatEvent
import dev.llamachat.EventTooLargeException
import dev.llamachat.ImageAttachment
import dev.llamachat.MalformedEventException
import dev.llamachat.StreamEndedBeforeStopException
import dev.llamachat.StreamException
import dev.llamachat.StreamIdleTimeoutException
import dev.llamachat.StreamInterruptedException
import dev.llamachat.Usage
import dev.llamachat.internal.ScriptedByteSource.Step
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.kotest.matchers.types.shouldNotBeInstanceOf
import java.io.IOException
import java.time.Duration
import kotlin.coroutines.cancellation.CancellationException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/** A turn in the order docs/wire.md fixes. */
internal val fullTurn: List<ChatEvent> = listOf(
    ChatEvent.ThinkingDelta("Let me "),
    ChatEvent.ThinkingDelta("search."),
    ChatEvent.Thinking("Let me search."),
    ChatEvent.ToolCall("call-1", "search_index", buildJsonObject { put("query", "Q3 findings") }),
    ChatEvent.ToolResult("call-1", "search_index", JsonPrimitive("Revenue grew 12%"), ImageAttachment("p3.png", "doc-7")),
    ChatEvent.TextDelta("Revenue "),
    ChatEvent.TextDelta("grew 12%."),
    ChatEvent.Text("Revenue grew 12%."),
    ChatEvent.Stop(null, false, Usage(1520.0, 812, 96, 1)),
)

private fun sse(events: List<ChatEvent>): String = events.joinToString("") { SseEncoder.encode(it) }

private fun bytes(text: String) = Step.Bytes(text.toByteArray())

class ChatEventStreamSpec : FunSpec({
    context("a complete turn") {
        test("decodes to typed events in order and completes right after stop") {
            runTest {
                decodeChatEvents(ScriptedByteSource.of(sse(fullTurn))).test {
                    for (event in fullTurn) awaitItem() shouldBe event
                    awaitComplete()
                }
            }
        }
        test("bytes after stop, in its chunk or later ones, are never read") {
            runTest {
                val source = ScriptedByteSource(listOf(
                    bytes(sse(fullTurn.take(3))),
                    bytes(sse(fullTurn.drop(3)) + "data: {not json\n\n"),
                    Step.Fail(IOException("must not be read")),
                    bytes(sse(fullTurn)),
                ))
                decodeChatEvents(source).toList() shouldBe fullTurn
                source.reads shouldBe 2
                source.remainingSteps shouldBe 2
            }
        }
        test("comments and keep-alives anywhere are ignored") {
            val text = sse(fullTurn).replace("\n\n", "\n: keep-alive\n\n: keep-alive\n")
            runTest { decodeChatEvents(ScriptedByteSource.of(": hello\n", text)).toList() shouldBe fullTurn }
        }
        test("any read size gives the same events") {
            runTest {
                for (bufferSize in listOf(1, 2, 7, 64, DEFAULT_READ_BUFFER)) {
                    decodeChatEvents(ScriptedByteSource.of(sse(fullTurn)), bufferSize = bufferSize).toList() shouldBe fullTurn
                }
            }
        }
        test("unknown events pass through as Unknown and do not fail the stream") {
            val citation = """{"type":"citation","source_id":"doc-7","content":{"page":3}}"""
            val text = sse(fullTurn.take(5)) + "event: citation\ndata: $citation\n\n" + "data: {\"shiny\":true}\n\n" + sse(fullTurn.drop(5))
            runTest {
                val events = decodeChatEvents(ScriptedByteSource.of(text)).toList()
                events.size shouldBe fullTurn.size + 2
                events[5].shouldBeInstanceOf<ChatEvent.Unknown>().type shouldBe "citation"
                events[6].shouldBeInstanceOf<ChatEvent.Unknown>().type.shouldBeNull()
                events.last() shouldBe fullTurn.last()
            }
        }
        test("a stop that reports a failed turn still completes the stream; the error is data") {
            val failed = ChatEvent.Stop("index unavailable", true, Usage(turns = 1))
            runTest {
                decodeChatEvents(ScriptedByteSource.of(sse(listOf(ChatEvent.Thinking("t"), failed)))).test {
                    awaitItem()
                    awaitItem() shouldBe failed
                    awaitComplete()
                }
            }
        }
        test("events without a type in their JSON take it from the SSE event name") {
            val text = "event: text_delta\ndata: {\"content\":\"a\"}\n\nevent: stop\ndata: {\"usage\":{}}\n\n"
            runTest {
                decodeChatEvents(ScriptedByteSource.of(text)).toList() shouldBe
                    listOf(ChatEvent.TextDelta("a"), ChatEvent.Stop(null, false, Usage()))
            }
        }
    }

    context("a stream that ends before stop") {
        test("EOF after some events fails with StreamEndedBeforeStopException saying how many and which was last") {
            runTest {
                decodeChatEvents(ScriptedByteSource.of(sse(fullTurn.take(4)))).test {
                    repeat(4) { awaitItem() }
                    val e = awaitError().shouldBeInstanceOf<StreamEndedBeforeStopException>()
                    e.eventsReceived shouldBe 4
                    e.lastEventType shouldBe "tool_call"
                    e.message shouldContain "4 events (last: tool_call)"
                }
            }
        }
        test("EOF before any event says none arrived") {
            runTest {
                decodeChatEvents(ScriptedByteSource.of(": keep-alive\n")).test {
                    val e = awaitError().shouldBeInstanceOf<StreamEndedBeforeStopException>()
                    e.eventsReceived shouldBe 0
                    e.lastEventType.shouldBeNull()
                }
            }
        }
        test("an event cut off by EOF is not delivered") {
            runTest {
                decodeChatEvents(ScriptedByteSource.of(sse(fullTurn.take(2)) + "event: stop\ndata: {\"type\":\"stop\",\"usage\":{}}\n")).test {
                    repeat(2) { awaitItem() }
                    awaitError().shouldBeInstanceOf<StreamEndedBeforeStopException>().eventsReceived shouldBe 2
                }
            }
        }
        test("data: [DONE] before stop fails the same way, and nothing after it is read") {
            runTest {
                val source = ScriptedByteSource(listOf(
                    bytes(sse(fullTurn.take(2)) + "data: [DONE]\n\n" + sse(fullTurn.drop(2))),
                    Step.Fail(IOException("must not be read")),
                ))
                decodeChatEvents(source).test {
                    repeat(2) { awaitItem() }
                    val e = awaitError().shouldBeInstanceOf<StreamEndedBeforeStopException>()
                    e.eventsReceived shouldBe 2
                    e.lastEventType shouldBe "thinking_delta"
                }
                source.reads shouldBe 1
            }
        }
    }

    context("a malformed event") {
        test("fails with MalformedEventException naming its position and keeping its raw data") {
            val bad = "{\"type\":\"text_delta\",\"content\":"
            runTest {
                decodeChatEvents(ScriptedByteSource.of(sse(fullTurn.take(2)) + "event: text_delta\ndata: $bad\n\n" + sse(fullTurn.drop(2)))).test {
                    repeat(2) { awaitItem() }
                    val e = awaitError().shouldBeInstanceOf<MalformedEventException>()
                    e.position shouldBe 3
                    e.rawData shouldBe bad
                    e.eventsReceived shouldBe 2
                    e.lastEventType shouldBe "thinking_delta"
                    e.cause.shouldBeInstanceOf<SerializationException>()
                    e.message shouldContain "Event #3"
                }
            }
        }
        test("a known type missing a required field is malformed too") {
            runTest {
                decodeChatEvents(ScriptedByteSource.of("data: {\"type\":\"tool_call\",\"call_id\":\"c\"}\n\n")).test {
                    awaitError().shouldBeInstanceOf<MalformedEventException>().position shouldBe 1
                }
            }
        }
        test("its raw data is kept to 1,000 characters") {
            val huge = "{\"type\":\"text\",\"content\":\"" + "x".repeat(5000)
            runTest {
                decodeChatEvents(ScriptedByteSource.of("data: $huge\n\n")).test {
                    awaitError().shouldBeInstanceOf<MalformedEventException>().rawData shouldBe huge.take(1000)
                }
            }
        }
    }

    test("an event over maxEventBytes fails with EventTooLargeException") {
        runTest {
            val text = sse(fullTurn.take(1)) + SseEncoder.encode(ChatEvent.Text("x".repeat(500))) + sse(fullTurn.drop(1))
            decodeChatEvents(ScriptedByteSource.of(text), maxEventBytes = 200).test {
                awaitItem()
                val e = awaitError().shouldBeInstanceOf<EventTooLargeException>()
                e.limitBytes shouldBe 200
                e.eventsReceived shouldBe 1
                e.lastEventType shouldBe "thinking_delta"
            }
        }
    }

    context("a broken connection") {
        test("a read that throws after n events fails with StreamInterruptedException holding the cause") {
            val broken = IOException("connection reset")
            runTest {
                val source = ScriptedByteSource(listOf(bytes(sse(fullTurn.take(3))), Step.Fail(broken)))
                decodeChatEvents(source).test {
                    repeat(3) { awaitItem() }
                    val e = awaitError().shouldBeInstanceOf<StreamInterruptedException>()
                    e.eventsReceived shouldBe 3
                    e.lastEventType shouldBe "thinking"
                    e.cause shouldBeSameInstanceAs broken
                    e.message shouldContain "connection reset"
                }
            }
        }
        test("a failure in the very first read counts no events") {
            runTest {
                decodeChatEvents(ScriptedByteSource(listOf(Step.Fail(IOException("refused"))))).test {
                    awaitError().shouldBeInstanceOf<StreamInterruptedException>().eventsReceived shouldBe 0
                }
            }
        }
    }

    context("the idle timeout, in virtual time") {
        test("a source that goes silent fails with StreamIdleTimeoutException after exactly the timeout") {
            runTest {
                val source = ScriptedByteSource(listOf(bytes(sse(fullTurn.take(2))), Step.Hang))
                decodeChatEvents(source, idleTimeout = Duration.ofSeconds(30), timer = VirtualTimer(this)).test {
                    repeat(2) { awaitItem() }
                    val e = awaitError().shouldBeInstanceOf<StreamIdleTimeoutException>()
                    e.idleTimeout shouldBe Duration.ofSeconds(30)
                    e.eventsReceived shouldBe 2
                    e.lastEventType shouldBe "thinking_delta"
                }
                testScheduler.currentTime shouldBe 30_000
                source.cancelledWhileReading.shouldBeInstanceOf<CancellationException>()
            }
        }
        test("keep-alive comments within the timeout keep a slow turn alive") {
            runTest {
                val keepAlive = bytes(": keep-alive\n")
                val source = ScriptedByteSource(listOf(
                    bytes(sse(fullTurn.take(3))),
                    Step.Pause(20_000), keepAlive, Step.Pause(20_000), keepAlive, Step.Pause(20_000), keepAlive,
                    Step.Pause(29_000), bytes(sse(fullTurn.drop(3))),
                ))
                decodeChatEvents(source, idleTimeout = Duration.ofSeconds(30), timer = VirtualTimer(this)).toList() shouldBe fullTurn
                testScheduler.currentTime shouldBe 89_000
            }
        }
        test("a silence longer than the timeout after keep-alives still fails") {
            runTest {
                val source = ScriptedByteSource(listOf(
                    bytes(sse(fullTurn.take(1))), Step.Pause(20_000), bytes(": keep-alive\n"), Step.Pause(31_000), bytes(sse(fullTurn.drop(1))),
                ))
                decodeChatEvents(source, idleTimeout = Duration.ofSeconds(30), timer = VirtualTimer(this)).test {
                    awaitItem()
                    awaitError().shouldBeInstanceOf<StreamIdleTimeoutException>().eventsReceived shouldBe 1
                }
                testScheduler.currentTime shouldBe 50_000
            }
        }
        test("the idle limit leaves no deadline behind, however the stream ends") {
            runTest {
                val armed = { backgroundScope.coroutineContext.job.children.count { it.isActive } }
                decodeChatEvents(ScriptedByteSource.of(sse(fullTurn)), idleTimeout = Duration.ofSeconds(30), timer = VirtualTimer(this)).toList()
                armed() shouldBe 0
                decodeChatEvents(ScriptedByteSource.of(sse(fullTurn)), idleTimeout = Duration.ofSeconds(30), timer = VirtualTimer(this)).take(2).toList()
                armed() shouldBe 0
                val hanging = ScriptedByteSource(listOf(bytes(sse(fullTurn.take(1))), Step.Hang))
                shouldThrow<StreamIdleTimeoutException> {
                    decodeChatEvents(hanging, idleTimeout = Duration.ofSeconds(30), timer = VirtualTimer(this)).toList()
                }
                armed() shouldBe 0
                testScheduler.currentTime shouldBe 30_000
            }
        }
        test("without a timeout a long silence is waited out") {
            runTest {
                val source = ScriptedByteSource(listOf(Step.Pause(3_600_000), bytes(sse(fullTurn))))
                decodeChatEvents(source, idleTimeout = null, timer = VirtualTimer(this)).toList() shouldBe fullTurn
            }
        }
    }

    context("cancellation and the collector's own failures") {
        for (idleTimeout in listOf(null, Duration.ofSeconds(30))) {
            test("cancelling the collector while a read waits propagates cancellation, unwrapped (idle timeout $idleTimeout)") {
                runTest {
                    val source = ScriptedByteSource(listOf(bytes(sse(fullTurn.take(2))), Step.Hang))
                    var caught: Throwable? = null
                    val received = ArrayList<ChatEvent>()
                    val timer = VirtualTimer(this)
                    val job = launch(start = CoroutineStart.UNDISPATCHED) {
                        try {
                            decodeChatEvents(source, idleTimeout = idleTimeout, timer = timer).collect { received += it }
                        } catch (e: Throwable) {
                            caught = e
                            throw e
                        }
                    }
                    runCurrent()
                    received shouldBe fullTurn.take(2)
                    job.cancel()
                    job.join()
                    caught.shouldBeInstanceOf<CancellationException>()
                    caught.shouldNotBeInstanceOf<StreamException>()
                    source.cancelledWhileReading.shouldBeInstanceOf<CancellationException>()
                    testScheduler.currentTime shouldBe 0
                }
            }
        }
        test("a collector that stops early ends the flow without reading on") {
            runTest {
                val source = ScriptedByteSource(listOf(bytes(sse(fullTurn.take(3))), Step.Fail(IOException("must not be read"))))
                decodeChatEvents(source).take(2).toList() shouldBe fullTurn.take(2)
                source.reads shouldBe 1
            }
        }
        test("an exception thrown by the collector comes out as it is") {
            val mine = IllegalStateException("collector failed")
            runTest {
                var caught: Throwable? = null
                try {
                    decodeChatEvents(ScriptedByteSource.of(sse(fullTurn))).collect { throw mine }
                } catch (e: Throwable) {
                    caught = e
                }
                caught shouldBeSameInstanceAs mine
            }
        }
    }
})

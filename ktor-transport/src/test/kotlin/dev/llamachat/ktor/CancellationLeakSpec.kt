package dev.llamachat.ktor

import dev.llamachat.NotFoundException
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.ScriptedResponse
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import java.util.logging.Handler
import java.util.logging.Level
import java.util.logging.LogRecord
import java.util.logging.Logger
import kotlin.random.Random
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.coroutineScope

/**
 * Cancelling calls while their response head is on the way leaves OkHttp no response body unclosed: it would
 * warn "A connection to ... was leaked. Did you forget to close a response body?" once the garbage collector
 * found the abandoned response. Heads arrive at random moments around each cancellation to hit the race.
 */
private const val CALLS = 100

class CancellationLeakSpec : FunSpec({
    test("cancelling 100 streams and calls while they connect leaks no response (OkHttp, the default engine)") {
        val warnings = CopyOnWriteArrayList<String>()
        val handler = object : Handler() {
            override fun publish(record: LogRecord) {
                if (record.level.intValue() >= Level.WARNING.intValue()) warnings += record.message
            }

            override fun flush() {}
            override fun close() {}
        }
        val okhttp = Logger.getLogger("okhttp3.OkHttpClient")
        okhttp.addHandler(handler)
        try {
            startServer().use { server ->
                testChat(server).use { chat ->
                    val random = Random(42)
                    repeat(CALLS) { server.enqueue(ScriptedResponse.serve().withHeadDelay(Duration.ofMillis(random.nextLong(0, 8)))) }
                    coroutineScope {
                        repeat(CALLS) { i ->
                            val pause = random.nextLong(0, 8)
                            launch {
                                val call = launch {
                                    try {
                                        if (i % 2 == 0) chat.stream("ses-$i", "Hi", emptyList()).toList() else chat.listPage()
                                    } catch (_: NotFoundException) {
                                        // The head came before the cancellation: there is no such session. Either
                                        // way round, what counts is that no response is left unclosed.
                                    }
                                }
                                delay(pause)
                                call.cancel()
                            }
                        }
                    }
                    // Give the collector a chance to find abandoned responses, and the pool a call to notice them.
                    repeat(2) {
                        System.gc()
                        delay(200)
                        chat.listPage()
                    }
                    server.awaitIdle(Duration.ofSeconds(10)) shouldBe true
                }
            }
        } finally {
            okhttp.removeHandler(handler)
        }
        warnings.filter { "leaked" in it }.shouldBeEmpty()
    }
})

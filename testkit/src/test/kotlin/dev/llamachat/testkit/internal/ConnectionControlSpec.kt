package dev.llamachat.testkit.internal

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.ktor.server.application.ApplicationCallPipeline
import io.ktor.server.application.call
import io.ktor.server.cio.CIO
import io.ktor.server.engine.embeddedServer
import java.net.Socket
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.job
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull

/**
 * What [ConnectionControl] relies on in Ktor's CIO engine, on a bare CIO server: if an upgrade changes it, this
 * fails instead of testkit's calls silently outliving their clients.
 */
class ConnectionControlSpec : FunSpec({
    test("a call armed only after the engine read its client's leaving is cancelled all the same") {
        val readEnded = CompletableDeferred<Boolean>()
        val cancelled = CompletableDeferred<Unit>()
        val server = embeddedServer(CIO, port = 0, host = "127.0.0.1") {
            intercept(ApplicationCallPipeline.Call) {
                val job = currentCoroutineContext().job
                val connection = checkNotNull(ConnectionControl.connectionOf(job)) { "no connection coroutine" }
                // The close handler cannot help here: the engine reported the close before it was set.
                readEnded.complete(withTimeoutOrNull(10.seconds) { while (!ConnectionControl.stoppedReading(connection)) delay(5) } != null)
                ConnectionControl.cancelOnClientClose(call, job) shouldBe true
                val watch = ConnectionControl.cancelOnMissedClose(job)
                try {
                    awaitCancellation()
                } catch (e: CancellationException) {
                    cancelled.complete(Unit)
                    throw e
                } finally {
                    watch?.cancel()
                }
            }
        }
        server.start(wait = false)
        try {
            val port = server.engine.resolvedConnectors().first().port
            Socket("127.0.0.1", port).use { it.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".toByteArray()) }
            withTimeout(10.seconds) { readEnded.await() } shouldBe true
            withTimeoutOrNull(10.seconds) { cancelled.await() } shouldBe Unit
        } finally {
            server.stop(0, 2_000)
        }
    }
})

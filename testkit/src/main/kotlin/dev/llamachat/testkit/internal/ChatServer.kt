package dev.llamachat.testkit.internal

import io.ktor.server.application.ApplicationCallPipeline
import io.ktor.server.application.call
import io.ktor.server.cio.CIO
import io.ktor.server.engine.embeddedServer
import java.time.Duration
import kotlinx.coroutines.runBlocking

/** The Ktor CIO server behind [dev.llamachat.testkit.LocalLlamaCloud], with its state. */
internal class ChatServer(port: Int, apiKey: String?, keepAlive: Duration?, tokenDelay: Duration) {
    val store = SessionStore(MicrosClock())
    val script = ScriptQueue()
    val log = RequestLog()
    val stats = ServerStats()
    private val turns = TurnRunner(store, stats, tokenDelay, keepAlive)
    private val handler = CallHandler(apiKey, ChatEndpoints(store), turns, script, log, stats, keepAlive)

    // No routing plugin: routes are matched on the raw path (see Router), and every call is one interceptor.
    private val server = embeddedServer(CIO, port = port, host = HOST) {
        ConnectionControl.cancelCallsOnClientClose(this)
        intercept(ApplicationCallPipeline.Call) {
            handler.handle(call)
            finish()
        }
    }

    val port: Int = startAndResolvePort()

    private fun startAndResolvePort(): Int {
        server.start(wait = false)
        return try {
            runBlocking { server.engine.resolvedConnectors().first().port }
        } catch (e: Throwable) {
            server.stop(0, 0)
            throw e
        }
    }

    fun close() {
        turns.cancelAll()
        server.stop(gracePeriodMillis = 0, timeoutMillis = 2_000)
    }

    companion object {
        const val HOST: String = "127.0.0.1"
    }
}

package dev.llamachat.reliability

import dev.llamachat.ChatEvent
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.ktor.LlamaCloudChatConfig
import dev.llamachat.ktor.internal.RetrySleeper
import dev.llamachat.ktor.internal.createWithRetrySleeper
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout

/** The key the reliability clients send; distinctive, so that the secret scan can look for it anywhere. */
const val CANARY_KEY: String = "llx-SECRET-canary-1234567890abcdef"

/** A long bound on a call, so that a hang fails the test instead of stalling the build; never a timing assertion. */
val HANG_GUARD: Duration = HANG_GUARD_SECONDS.seconds

/** [HANG_GUARD] in seconds, for the Java tests. */
const val HANG_GUARD_SECONDS: Long = 30

/**
 * A client of [baseUrl] with [CANARY_KEY] whose retries do not wait (the policy still decides them and the
 * delays are still computed), so that fault-heavy tests run in seconds.
 */
fun testChat(baseUrl: String, configure: LlamaCloudChatConfig.() -> Unit = {}): LlamaCloudChat =
    testChat(baseUrl, RetrySleeper { }, configure)

/** [testChat] whose retries wait through [sleeper] (the soak records each wait on its call). */
fun testChat(baseUrl: String, sleeper: RetrySleeper, configure: LlamaCloudChatConfig.() -> Unit = {}): LlamaCloudChat {
    val config = LlamaCloudChatConfig().apply {
        this.baseUrl = baseUrl
        apiKey = CANARY_KEY
        configure()
    }
    return LlamaCloudChat.createWithRetrySleeper(config, sleeper)
}

/**
 * For the Java tests: a client of [baseUrl] with [CANARY_KEY] on the OkHttp engine (the one recommended for
 * Android), without retries (a leak run's calls must all succeed at once). OkHttp runs at most 5 calls per host at
 * once unless told otherwise; 64 lets 32 streams run together. The engine is the caller's: close it after the client.
 */
fun javaTestChat(baseUrl: String, engine: io.ktor.client.engine.HttpClientEngine): LlamaCloudChat = testChat(baseUrl) {
    this.engine = engine
    maxRetries = 0
}

/** An OkHttp engine that runs up to 64 calls per host at once (OkHttp's default is 5). */
fun okHttpEngine(): io.ktor.client.engine.HttpClientEngine = io.ktor.client.engine.okhttp.OkHttp.create {
    config { dispatcher(okhttp3.Dispatcher().apply { maxRequests = 64; maxRequestsPerHost = 64 }) }
}

/** Collects [flow] under the [HANG_GUARD]. */
suspend fun collectGuarded(flow: Flow<ChatEvent>): List<ChatEvent> = withTimeout(HANG_GUARD) { flow.toList() }

/** The path of a session's stream endpoint. */
fun streamPath(sessionId: String): String = "/api/v1/chat/$sessionId/messages/stream"

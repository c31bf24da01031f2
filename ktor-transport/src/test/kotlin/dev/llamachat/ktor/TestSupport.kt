package dev.llamachat.ktor

import dev.llamachat.internal.DeadlineTimer
import dev.llamachat.ktor.internal.RetrySleeper
import dev.llamachat.ktor.internal.Timing
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.RecordedRequest
import java.time.Clock
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.delay
import kotlin.time.Duration

/** The key every test server requires; tests also check that it never leaks. */
internal const val TEST_KEY: String = "llx-test-0123456789abcdef"

internal const val PROJECT: String = "2f6c1c0e-5f6b-4d0c-9d5e-2a1b3c4d5e6f"
internal const val OTHER_PROJECT: String = "7a1d2e3f-4b5c-4d6e-8f70-8192a3b4c5d6"
internal const val ORGANIZATION: String = "0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e"

/**
 * Records the waits the retry logic asks for instead of making them, so retry tests take no time, and fixes what
 * they are computed from: [jitter] (none by default, so backoffs are exact) and the [clock] `Retry-After` dates
 * are measured against.
 */
internal class RecordingSleeper(private val jitter: Double = 0.0, private val clock: Clock = Clock.systemUTC()) : RetrySleeper {
    val delays: MutableList<Duration> = CopyOnWriteArrayList()

    /** The client's timing: retry waits recorded here, the fixed jitter and clock, and [deadlines]. */
    fun timing(deadlines: DeadlineTimer): Timing = Timing(this, { jitter }, clock, deadlines)

    override suspend fun sleep(duration: Duration) {
        delays += duration
    }
}

/**
 * A client of [server] with the test key, retry waits recorded by [sleeper] and timeouts enforced by [deadlines]
 * (a [ManualClock]'s to move them by hand); [configure] may change any setting.
 */
internal fun testChat(
    server: LocalLlamaCloud,
    sleeper: RecordingSleeper = RecordingSleeper(),
    deadlines: DeadlineTimer = DeadlineTimer.SYSTEM,
    configure: LlamaCloudChatConfig.() -> Unit = {},
): LlamaCloudChat = testChat(server.baseUrl, sleeper, deadlines, configure)

/** [testChat] for a server that is not testkit's (a raw one, or none listening at [baseUrl]). */
internal fun testChat(
    baseUrl: String,
    sleeper: RecordingSleeper = RecordingSleeper(),
    deadlines: DeadlineTimer = DeadlineTimer.SYSTEM,
    configure: LlamaCloudChatConfig.() -> Unit = {},
): LlamaCloudChat {
    val config = LlamaCloudChatConfig().apply {
        apiKey = TEST_KEY
        this.baseUrl = baseUrl
        configure()
    }
    return LlamaCloudChat.create(config, sleeper.timing(deadlines))
}

internal fun LocalLlamaCloud.requestsTo(endpoint: Endpoint): List<RecordedRequest> = requests.filter { it.endpoint == endpoint }

/**
 * The requests to [endpoint] once at least one is on record (at most 10 s): the server records a request as it
 * arrives, which on a busy machine may be after the client already gave up on it.
 */
internal suspend fun LocalLlamaCloud.awaitRequestsTo(endpoint: Endpoint): List<RecordedRequest> {
    repeat(1_000) {
        requestsTo(endpoint).let { if (it.isNotEmpty()) return it }
        delay(10)
    }
    return requestsTo(endpoint)
}

/** Starts a server requiring [TEST_KEY] for a spec; the spec closes it. */
internal fun startServer(
    keepAliveInterval: java.time.Duration? = null,
): LocalLlamaCloud = LocalLlamaCloud.builder().apiKey(TEST_KEY).keepAliveInterval(keepAliveInterval).start()

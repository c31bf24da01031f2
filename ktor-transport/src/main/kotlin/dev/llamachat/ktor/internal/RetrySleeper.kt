package dev.llamachat.ktor.internal

import dev.llamachat.InternalLlamaChatApi
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.ktor.LlamaCloudChatConfig
import kotlin.time.Duration
import kotlinx.coroutines.delay

/**
 * How the client waits between retries: a seam so that tests record the waits instead of making them. Public (and
 * opt-in) only because llamachat's reliability suite, another module, records the waits of its clients; no
 * application reaches it through the public API.
 */
@InternalLlamaChatApi
public fun interface RetrySleeper {
    /** Waits [duration]; cancellable. */
    public suspend fun sleep(duration: Duration)

    public companion object {
        /** Waits with the coroutine `delay`, so virtual time applies under `runTest`. */
        public val DELAY: RetrySleeper = RetrySleeper { delay(it) }
    }
}

/**
 * [LlamaCloudChat.create], but with retries that wait through [sleeper]: for llamachat's own test suites in other
 * modules, whose fault-heavy tests record the waits instead of making them.
 */
@InternalLlamaChatApi
public fun LlamaCloudChat.Companion.createWithRetrySleeper(config: LlamaCloudChatConfig, sleeper: RetrySleeper): LlamaCloudChat =
    create(config, Timing(sleeper))

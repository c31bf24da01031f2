@file:OptIn(ExperimentalCoroutinesApi::class)

package dev.llamachat.internal

import kotlin.time.Duration.Companion.nanoseconds
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.TestScope

/** Deadlines in [scope]'s virtual time: `runTest` lets them pass as soon as nothing else can run. */
internal class VirtualTimer(private val scope: TestScope) : DeadlineTimer {
    override fun nanoTime(): Long = scope.testScheduler.currentTime * 1_000_000

    override fun schedule(delayNanos: Long, action: Runnable): DisposableHandle =
        scope.backgroundScope.launch { delay(delayNanos.nanoseconds); action.run() }.let { job -> DisposableHandle { job.cancel() } }
}

package dev.llamachat.testkit.internal

import dev.llamachat.testkit.RecordedRequest
import java.time.Duration
import java.util.concurrent.TimeUnit
import java.util.concurrent.locks.ReentrantLock
import kotlin.concurrent.withLock

/** Every request received, in arrival order, and how far [take] has got. */
internal class RequestLog {
    private val lock = ReentrantLock()
    private val arrived = lock.newCondition()
    private val requests = ArrayList<RecordedRequest>()
    private var taken = 0

    fun add(request: RecordedRequest) = lock.withLock {
        requests += request
        arrived.signalAll()
    }

    fun all(): List<RecordedRequest> = lock.withLock { requests.toList() }

    /** The oldest request not yet taken, waiting up to [timeout] for one; null if none came. */
    fun take(timeout: Duration): RecordedRequest? = lock.withLock {
        var left = timeout.toNanos()
        while (taken >= requests.size) {
            if (left <= 0) return null
            left = arrived.awaitNanos(left)
        }
        requests[taken++]
    }

    fun clear() = lock.withLock {
        requests.clear()
        taken = 0
    }
}

package dev.llamachat.internal

import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay

/**
 * A response body played from a script, one step per read: bytes (served over as many reads as the caller's
 * buffer needs), a delay, a failure, or a read that never returns. After the last step it reports the end.
 * It records how many reads reached each step, so a test can tell what was never read.
 */
internal class ScriptedByteSource(steps: List<Step>) : ByteSource {
    sealed interface Step {
        class Bytes(val bytes: ByteArray) : Step
        class Pause(val millis: Long) : Step
        class Fail(val error: Throwable) : Step
        data object Hang : Step
    }

    private val steps = ArrayDeque(steps)
    private var pending: ByteArray? = null
    private var pendingPos = 0

    /** Every read call, including the ones that failed or returned -1. */
    var reads: Int = 0
        private set

    /** Steps not reached yet. */
    val remainingSteps: Int get() = steps.size

    /** Set when a read was cancelled while it waited. */
    var cancelledWhileReading: Throwable? = null
        private set

    override suspend fun read(buffer: ByteArray, offset: Int, length: Int): Int {
        reads++
        while (true) {
            pending?.let { bytes ->
                val n = minOf(length, bytes.size - pendingPos)
                System.arraycopy(bytes, pendingPos, buffer, offset, n)
                pendingPos += n
                if (pendingPos == bytes.size) pending = null
                return n
            }
            when (val step = steps.removeFirstOrNull() ?: return -1) {
                is Step.Bytes -> if (step.bytes.isNotEmpty()) {
                    pending = step.bytes
                    pendingPos = 0
                }
                is Step.Pause -> delay(step.millis)
                is Step.Fail -> throw step.error
                Step.Hang -> try {
                    awaitCancellation()
                } catch (e: Throwable) {
                    cancelledWhileReading = e
                    throw e
                }
            }
        }
    }

    companion object {
        fun of(vararg chunks: String): ScriptedByteSource =
            ScriptedByteSource(chunks.map { Step.Bytes(it.toByteArray()) })
    }
}

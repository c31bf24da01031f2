package dev.llamachat.reliability

import dev.llamachat.testkit.LocalLlamaCloud
import java.time.Duration

/**
 * What a leak check compares: the JVM's threads and the connections to and from the server's port, taken after
 * a warm-up run (so that thread pools have grown to their working size) and once everything settled.
 */
class LeakBaseline private constructor(val threads: Int, val clientConnections: Int, val serverConnections: Int, val threadKinds: Map<String, Int>) {
    // [threads] counts the JVM's threads other than the coroutine scheduler's workers: those are shared by every
    // coroutine in the process, live on for a minute when idle and are bounded; a leak among them is a worker that
    // stays busy, which the check looks for instead.
    /** The result of a check: the figures, and what did not return to the baseline. */
    class Report(
        val threads: Pair<Int, Int>,
        val clientConnections: Pair<Int, Int>,
        val serverConnections: Pair<Int, Int>,
        val schedulerWorkers: Int,
        val problems: List<String>,
    ) {
        override fun toString(): String =
            "threads (besides $schedulerWorkers idle scheduler workers) ${threads.first} -> ${threads.second}, client connections ${clientConnections.first} -> ${clientConnections.second}, " +
                "server connections ${serverConnections.first} -> ${serverConnections.second}; leaks: ${if (problems.isEmpty()) "none" else problems.joinToString()}"
    }

    companion object {
        /** Runs [warmUp], waits until the server is idle and its connections closed, then records the baseline. */
        suspend fun take(serverPort: Int, server: LocalLlamaCloud, warmUp: suspend () -> Unit): LeakBaseline {
            warmUp()
            check(server.awaitIdle(Duration.ofSeconds(15))) { "the warm-up did not settle" }
            ProcessResources.awaitCondition { ProcessResources.clientConnections(serverPort) == 0 && ProcessResources.serverConnections(serverPort) == 0 }
            return LeakBaseline(
                ProcessResources.ownThreadCount(), ProcessResources.clientConnections(serverPort),
                ProcessResources.serverConnections(serverPort), ProcessResources.threadsByKind(),
            )
        }

        /** [take] for Java tests: runs the blocking [warmUp] first. */
        @JvmStatic
        fun takeBlocking(server: LocalLlamaCloud, warmUp: Runnable): LeakBaseline =
            kotlinx.coroutines.runBlocking { take(server.port, server) { warmUp.run() } }

        /**
         * Waits (up to a deadline) for the server to report no open stream and no running turn, for the
         * connections to return to the baseline and for the thread count to fall back to it, and reports what did not.
         */
        @JvmStatic
        fun check(baseline: LeakBaseline, server: LocalLlamaCloud): Report {
            val problems = ArrayList<String>()
            if (!server.awaitIdle(Duration.ofSeconds(15))) {
                problems += "the server still has ${server.openStreams} open streams and ${server.runningTurns} running turns"
            }
            val port = server.port
            ProcessResources.awaitCondition {
                ProcessResources.clientConnections(port) <= baseline.clientConnections &&
                    ProcessResources.serverConnections(port) <= baseline.serverConnections &&
                    ProcessResources.ownThreadCount() <= baseline.threads &&
                    ProcessResources.busySchedulerWorkers().isEmpty()
            }
            val client = ProcessResources.clientConnections(port)
            val accepted = ProcessResources.serverConnections(port)
            val threads = ProcessResources.ownThreadCount()
            val busy = ProcessResources.busySchedulerWorkers()
            val workers = ProcessResources.schedulerWorkers()
            if (client > baseline.clientConnections) {
                problems += "${client - baseline.clientConnections} client connections (${ProcessResources.connectionStates(port)})"
            }
            if (accepted > baseline.serverConnections) problems += "${accepted - baseline.serverConnections} server connections"
            if (threads > baseline.threads) {
                problems += "${threads - baseline.threads} threads (before: ${baseline.threadKinds}, after: ${ProcessResources.threadsByKind()})"
            }
            if (busy.isNotEmpty()) problems += "${busy.size} scheduler workers still busy: $busy"
            return Report(baseline.threads to threads, baseline.clientConnections to client, baseline.serverConnections to accepted, workers, problems)
        }
    }
}

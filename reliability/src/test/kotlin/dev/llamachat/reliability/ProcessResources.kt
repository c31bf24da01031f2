package dev.llamachat.reliability

import java.io.File
import java.lang.management.ManagementFactory
import java.nio.file.Files
import java.nio.file.Path

/**
 * What this JVM holds, for leak checks: its live threads and its TCP connections to or from a port. Ktor's CIO
 * engine exposes no pool size, so connections are counted where the kernel keeps them: the process's socket
 * descriptors (`/proc/self/fd`) matched with the TCP tables (`/proc/net/tcp`, `tcp6`). Linux only, as this
 * build machine is.
 */
object ProcessResources {
    /** Live threads, by the name they start with (digits and the pool suffix removed), for messages. */
    fun threadsByKind(): Map<String, Int> =
        Thread.getAllStackTraces().keys.groupingBy { it.name.replace(Regex("[-#@ ]*\\d+$"), "").replace(Regex("\\d+"), "N") }.eachCount()

    /** Live threads of this JVM. */
    fun threadCount(): Int = ManagementFactory.getThreadMXBean().threadCount

    /**
     * Live threads other than the workers of kotlinx.coroutines' shared scheduler (Dispatchers.Default and IO) and OkHttp's shared ones:
     * a client that starts threads of its own (a timer, an engine's pool, a blocking reader) shows here.
     */
    fun ownThreadCount(): Int = Thread.getAllStackTraces().keys.count { !it.isSchedulerWorker() && !it.isOkHttpShared() }

    /** The shared scheduler's workers, which stay alive for a minute after their last task, up to 64 + cores. */
    fun schedulerWorkers(): Int = Thread.getAllStackTraces().keys.count { it.isSchedulerWorker() }

    /**
     * Scheduler workers doing something other than waiting for work or for I/O readiness (Ktor's selector loop):
     * a leaked stream that keeps reading, or a call blocked on a lock, keeps one busy.
     */
    fun busySchedulerWorkers(): List<String> = Thread.getAllStackTraces().filter { (thread, stack) ->
        thread.isSchedulerWorker() && stack.none { frame ->
            (frame.className.endsWith("CoroutineScheduler\$Worker") && frame.methodName.startsWith("park")) ||
                frame.methodName == "epollWait" || frame.methodName == "select"
        }
    }.map { (thread, stack) -> thread.name + " at " + stack.take(6).joinToString(" < ") }

    private fun Thread.isSchedulerWorker(): Boolean = name.startsWith("DefaultDispatcher-worker")

    /** OkHttp's process-wide task runner and watchdog threads: shared like the scheduler's, ended after a minute idle. */
    private fun Thread.isOkHttpShared(): Boolean =
        name.startsWith("OkHttp TaskRunner") || name == "Okio Watchdog" || name == "OkHttp ConnectionPool connection closer"


    /** Open connections of this process whose remote end is [port] on this machine: the client's side. */
    fun clientConnections(port: Int): Int = connections { local, remote, _ -> remote == port && local != port }

    /** Open connections of this process accepted on [port]: the server's side (the listening socket excluded). */
    fun serverConnections(port: Int): Int = connections { local, _, state -> local == port && state != LISTEN }

    /**
     * Polls [condition] until it holds or [timeoutMillis] passed; true if it held. For counts that settle
     * asynchronously (a socket closed by another thread, an idle thread ending): waiting for them is the point.
     */
    fun awaitCondition(timeoutMillis: Long = 15_000, condition: () -> Boolean): Boolean {
        val deadline = System.nanoTime() + timeoutMillis * 1_000_000
        while (true) {
            if (condition()) return true
            if (System.nanoTime() > deadline) return false
            Thread.sleep(20)
        }
    }

    private const val LISTEN = "0A"

    /** The TCP states of this process's connections to or from [port], for messages: `01` established, `08` close-wait. */
    fun connectionStates(port: Int): List<String> {
        val out = ArrayList<String>()
        connections { local, remote, state ->
            if ((local == port || remote == port) && state != LISTEN) out += "$local->$remote:$state"
            false
        }
        return out
    }

    private fun connections(matches: (local: Int, remote: Int, state: String) -> Boolean): Int {
        val inodes = socketInodes()
        var count = 0
        for (table in listOf("/proc/net/tcp", "/proc/net/tcp6")) {
            val file = File(table)
            if (!file.exists()) continue
            file.readLines().drop(1).forEach { line ->
                val fields = line.trim().split(Regex("\\s+"))
                if (fields.size < 10 || fields[9] !in inodes) return@forEach
                val local = fields[1].substringAfterLast(':').toInt(16)
                val remote = fields[2].substringAfterLast(':').toInt(16)
                if (matches(local, remote, fields[3])) count++
            }
        }
        return count
    }

    private fun socketInodes(): Set<String> {
        val fds = File("/proc/self/fd").listFiles() ?: return emptySet()
        return fds.mapNotNullTo(HashSet()) { fd ->
            val target = try {
                Files.readSymbolicLink(Path.of(fd.path)).toString()
            } catch (_: Exception) {
                return@mapNotNullTo null // closed meanwhile
            }
            target.removePrefix("socket:[").removeSuffix("]").takeIf { target.startsWith("socket:[") }
        }
    }
}

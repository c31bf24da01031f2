package dev.llamachat.benchmarks.measure

import java.io.File
import java.lang.management.ManagementFactory
import javax.management.ObjectName

/**
 * What a client keeps at rest, class by class (issue 13's memory figure: about 0.5 KB of heap per loaded class).
 * With the environment variable `LLAMACHAT_MEMORY_CENSUS` set to a directory, each memory probe JVM logs the classes
 * it loads to `classes-<client>.txt` (`-Xlog:class+load`) and writes a class histogram (after a full GC) to
 * `histogram-<client>.txt` right after measuring its baseline, and another, `histogram-<client>-deltas.txt`, half-way
 * through the deltas (what streaming holds beyond the client at rest). The classes loaded at rest are those logged before
 * `javax.management.ObjectName`, the histogram's own first; compare two clients' sorted names with `comm`, hidden
 * classes' addresses removed. The histogram loads classes during the turn: a census run's figures are not for the
 * report.
 */
internal object ClassCensus {
    private val directory: File? = System.getenv("LLAMACHAT_MEMORY_CENSUS")?.let(::File)

    /** The probe JVM's options for [clientId]: none unless a census was asked for. */
    fun jvmOptions(clientId: String): List<String> =
        directory?.let { listOf("-Xlog:class+load:file=${File(it, "classes-$clientId.txt")}") } ?: emptyList()

    /** In the probe JVM: writes its class histogram as `histogram-<client><suffix>.txt`, if a census was asked for. */
    fun writeHistogram(clientId: String, suffix: String = "") {
        val dir = directory ?: return
        val histogram = ManagementFactory.getPlatformMBeanServer().invoke(
            ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
            arrayOf<Any>(emptyArray<String>()), arrayOf(Array<String>::class.java.name),
        ) as String
        File(dir, "histogram-$clientId$suffix.txt").writeText(histogram)
    }
}

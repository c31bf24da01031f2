package dev.llamachat.shrink

import dev.llamachat.testkit.LocalLlamaCloud
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.concurrent.TimeUnit
import java.util.zip.ZipFile
import proguard.Configuration
import proguard.ConfigurationParser
import proguard.ProGuard

/**
 * Shrinks and obfuscates [ShrinkCheck] with its whole runtime classpath (what an APK would hold), using only the
 * ProGuard/R8 rules the jars ship in META-INF/proguard plus a keep for the app's entry point, as R8 does for an
 * Android app; then runs the result against a local LlamaCloud. `-Dshrink.dropRules=<file name>,...` leaves the
 * named shipped rule files out, to see the check fail without them.
 */
class ShrinkSpec : FunSpec({
    test("the app, shrunk and obfuscated with the shipped rules only, still streams, decodes and gets typed errors") {
        val target = Paths.get("target").toAbsolutePath() // ProGuard reads relative paths against its configuration file
        val classpath = listOf(target.resolve("classes").toFile()) +
            Files.readString(target.resolve("app-classpath.txt")).trim().split(File.pathSeparator).map(::File)
        val dropped = System.getProperty("shrink.dropRules").orEmpty().split(',').filter { it.isNotBlank() }
        val rules = shippedRules(classpath).filterKeys { name -> dropped.none { name.endsWith(it) } }
        rules.keys.map { it.substringAfterLast('/') } shouldContainAll listOf("llamachat-core.pro", "llamachat-ktor-transport.pro").filter { it !in dropped }

        val out = target.resolve("shrink")
        out.toFile().deleteRecursively()
        Files.createDirectories(out)
        val app = out.resolve("app.jar")
        val config = out.resolve("proguard.pro")
        Files.writeString(config, proguardConfig(classpath, app, rules))
        val parsed = Configuration()
        val parser = ConfigurationParser(config.toFile(), System.getProperties())
        try {
            parser.parse(parsed)
        } finally {
            parser.close()
        }
        ProGuard(parsed).execute()

        val before = classpath.sumOf(::sizeOf)
        val after = Files.size(app)
        println("android-shrink: ${before / 1024} KiB of classes and jars in, ${after / 1024} KiB out")
        // Obfuscated: the SDK's classes no longer have their names (only what a rule keeps does).
        ZipFile(app.toFile()).use { jar ->
            (jar.getEntry("dev/llamachat/ktor/LlamaCloudChat.class") == null) shouldBe true
            (jar.getEntry("dev/llamachat/shrink/ShrinkCheck.class") != null) shouldBe true
        }
        (after * 2).toInt() shouldBeLessThan before.toInt()

        LocalLlamaCloud.start().use { cloud ->
            val java = File(System.getProperty("java.home"), "bin/java").path
            val process = ProcessBuilder(java, "-cp", app.toString(), "dev.llamachat.shrink.ShrinkCheck", cloud.baseUrl)
                .redirectErrorStream(true).start()
            val output = process.inputStream.bufferedReader().readText()
            check(process.waitFor(2, TimeUnit.MINUTES)) { "the shrunk app did not end" }
            println(output)
            withClue(output) { process.exitValue() shouldBe 0 }
            output.lines().filter { it.startsWith("ok ") }.size shouldBe 18
            output shouldContain "all checks passed"
        }
    }
})

/** Every META-INF/proguard/\*.pro in [classpath], by "<jar or folder>!/<path>", as R8 collects them from an app's jars. */
private fun shippedRules(classpath: List<File>): Map<String, String> {
    val rules = sortedMapOf<String, String>()
    for (entry in classpath) {
        if (entry.isDirectory) {
            entry.resolve("META-INF/proguard").listFiles { f -> f.name.endsWith(".pro") }?.forEach { rules["$entry!/META-INF/proguard/${it.name}"] = it.readText() }
        } else if (entry.isFile) {
            ZipFile(entry).use { jar ->
                jar.entries().asSequence().filter { it.name.startsWith("META-INF/proguard/") && it.name.endsWith(".pro") }
                    .forEach { rules["${entry.name}!/${it.name}"] = jar.getInputStream(it).bufferedReader().readText() }
            }
        }
    }
    return rules
}

/**
 * The ProGuard configuration: the app and its libraries in, one jar out; the JDK's java.base as the platform (as
 * android.jar is for R8: what is not there must be covered by a shipped -dontwarn); the entry point kept; then the
 * shipped rules, each under a comment naming its jar.
 */
private fun proguardConfig(classpath: List<File>, app: Path, rules: Map<String, String>): String = buildString {
    // Versioned classes and module descriptors are not for Android (R8 ignores them too).
    val filter = "(!META-INF/versions/**,!module-info.class,!META-INF/MANIFEST.MF)"
    classpath.forEach { appendLine("-injars '${it.path}'$filter") }
    appendLine("-outjars '$app'")
    val jmods = Paths.get(System.getProperty("java.home"), "jmods")
    for (module in PLATFORM_MODULES) appendLine("-libraryjars '${jmods.resolve("$module.jmod")}'(!**.jar;!module-info.class)")
    // android.jar's own classes (libraries refer to some, e.g. android.annotation.SuppressLint): there on Android.
    appendLine("-dontwarn android.**")
    appendLine("-keep public class dev.llamachat.shrink.ShrinkCheck { public static void main(java.lang.String[]); }")
    appendLine("-dontnote")
    // Shrinking and renaming are what the shipped keep rules guard. ProGuard's optimizer (R8's is another) merges
    // Okio's classes into code the JVM rejects (VerifyError: Bad return type), and takes most of the run's minute.
    appendLine("-dontoptimize")
    for ((source, text) in rules) {
        appendLine("# ---- $source")
        appendLine(text)
    }
}

/** The parts of the JDK an Android app also has (java.util.logging included); java.management, for one, it lacks. */
private val PLATFORM_MODULES = listOf("java.base", "java.logging")

private fun sizeOf(file: File): Long = if (file.isDirectory) file.walk().filter { it.isFile }.sumOf { it.length() } else file.length()

package dev.llamachat.samples

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeIn
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import java.io.File

/** The repository's README.md; tests run in the samples module's directory. */
private val README = File("../README.md")

/** A fenced code block of README.md: its language and its text. */
private class Block(val language: String, val text: String)

private fun blocks(markdown: String): List<Block> =
    Regex("(?m)^```([a-z]*)\\n(.*?)^```$", RegexOption.DOT_MATCHES_ALL).findAll(markdown)
        .map { Block(it.groupValues[1], it.groupValues[2].trimEnd('\n')) }.toList()

/**
 * Every region of the samples' sources between `// README: <name> start` and `// README: <name> end`, without its
 * common indentation, by name.
 */
private fun regions(): Map<String, String> {
    val marker = Regex("""^\s*// README: ([\w-]+) (start|end)$""")
    val found = LinkedHashMap<String, String>()
    File("src").walk().filter { it.isFile && (it.name.endsWith(".kt") || it.name.endsWith(".java")) }.forEach { file ->
        var name: String? = null
        val lines = mutableListOf<String>()
        for (line in file.readLines()) {
            val match = marker.find(line)
            when {
                match == null -> if (name != null) lines += line
                match.groupValues[2] == "start" -> {
                    check(name == null) { "${file.path}: region ${match.groupValues[1]} starts inside $name" }
                    name = match.groupValues[1]
                    lines.clear()
                }
                else -> {
                    check(name == match.groupValues[1]) { "${file.path}: region ${match.groupValues[1]} ends but $name is open" }
                    check(found.put(name, lines.joinToString("\n").trimIndent()) == null) { "region $name twice" }
                    name = null
                }
            }
        }
        check(name == null) { "${file.path}: region $name never ends" }
    }
    return found
}

/**
 * README.md's blocks are compiled and run by the consumer check (tools/ReadmeSnippets.java); here: its first block is
 * the two commands a newcomer runs, and its Java tours are these samples, verbatim, so the samples' tests run them.
 */
class ReadmeSpec : FunSpec({
    val markdown = README.readText()
    val blocks = blocks(markdown)

    test("the first code block holds exactly two commands: the quickstart, then `mvn -B verify`") {
        val commands = blocks.first().text.lines()
        commands shouldHaveSize 2
        commands[0] shouldBe "mvn -B -pl samples -am compile exec:java@quickstart"
        commands[1] shouldBe "mvn -B verify"
    }

    test("every sample region is a README code block, verbatim") {
        val regions = regions()
        regions.keys shouldBe setOf("java-tour", "java-async-tour")
        val snippets = blocks.filter { it.language == "kotlin" || it.language == "java" }.map { it.text }
        for ((name, region) in regions) {
            withClue("README.md lacks the region $name verbatim:\n$region") { region shouldBeIn snippets }
        }
    }
})

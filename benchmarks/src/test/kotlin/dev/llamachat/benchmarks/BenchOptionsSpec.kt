package dev.llamachat.benchmarks

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class BenchOptionsSpec : FunSpec({
    context("parsing the harness arguments") {
        test("no arguments are the issue's figures") {
            val options = BenchOptions.parse(emptyArray())
            options.events shouldBe 200_000
            options.sequentialCalls shouldBe 50
            options.concurrentStreams shouldBe 200
            options.concurrentEvents shouldBe 5_000
            options.memoryEvents shouldBe 2_000_000
            options.memoryHeap shouldBe "64m"
        }

        test("--smoke sets tiny figures that later arguments override, in any word grouping") {
            val options = BenchOptions.parse(arrayOf("--smoke --events 3_000", "--no-jmh"))
            options.smoke shouldBe true
            options.events shouldBe 3_000
            options.jmh shouldBe null
            options.memoryEvents shouldBe BenchOptions.SMOKE.memoryEvents
        }

        test("an empty argument (exec:exec without bench.args) is ignored") {
            BenchOptions.parse(arrayOf("")) shouldBe BenchOptions()
        }

        test("unknown arguments and bad numbers are rejected") {
            shouldThrow<IllegalArgumentException> { BenchOptions.parse(arrayOf("--fast")) }
            shouldThrow<IllegalArgumentException> { BenchOptions.parse(arrayOf("--events", "-1")) }
            shouldThrow<IllegalArgumentException> { BenchOptions.parse(arrayOf("--events")) }
        }
    }
})

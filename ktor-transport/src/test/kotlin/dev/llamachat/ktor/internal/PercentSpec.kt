package dev.llamachat.ktor.internal

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import io.kotest.property.Arb
import io.kotest.property.arbitrary.Codepoint
import io.kotest.property.arbitrary.printableAscii
import io.kotest.property.arbitrary.string
import io.kotest.property.checkAll
import java.net.URLDecoder

class PercentSpec : FunSpec({
    context("path segments") {
        test("characters that could change the path are encoded") {
            Percent.segment("ses-abc_1.2~3") shouldBe "ses-abc_1.2~3"
            Percent.segment("../x") shouldBe "..%2Fx"
            Percent.segment("a/b") shouldBe "a%2Fb"
            Percent.segment("a?b#c") shouldBe "a%3Fb%23c"
            Percent.segment("%2F") shouldBe "%252F"
            Percent.segment("a b+c") shouldBe "a%20b%2Bc"
            Percent.segment("ü") shouldBe "%C3%BC"
        }

        test("dot segments are encoded so that no client or proxy resolves them") {
            Percent.segment(".") shouldBe "%2E"
            Percent.segment("..") shouldBe "%2E%2E"
            Percent.segment("...") shouldBe "..."
        }

        test("any string encodes to one segment that decodes back to it") {
            checkAll(500, Arb.string(0..20, Codepoint.printableAscii())) { value ->
                val encoded = Percent.segment(value)
                encoded shouldNotContain "/"
                encoded shouldNotContain "?"
                encoded shouldNotContain "#"
                // URLDecoder would turn a '+' into a space; the encoder never emits one.
                encoded shouldNotContain "+"
                URLDecoder.decode(encoded, Charsets.UTF_8) shouldBe value
            }
        }
    }

    test("a query value is encoded the same way") {
        Percent.query("a+b/c=d&e f%") shouldBe "a%2Bb%2Fc%3Dd%26e%20f%25"
    }
})

package dev.llamachat.internal

import io.kotest.assertions.throwables.shouldNotThrowAny
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class ArgumentsSpec : FunSpec({
    context("sessionId") {
        test("a non-blank id passes through") {
            Arguments.sessionId("ses-abc123") shouldBe "ses-abc123"
            Arguments.sessionId("../x") shouldBe "../x" // path safety is the transport's encoding, not a rejection
        }
        test("empty or blank ids are rejected, naming the argument") {
            for (blank in listOf("", " ", "\t\n")) {
                shouldThrow<IllegalArgumentException> { Arguments.sessionId(blank) }.message shouldContain "sessionId"
            }
        }
    }

    context("prompt") {
        test("blank prompts are rejected") {
            for (blank in listOf("", "   ", "\n")) {
                shouldThrow<IllegalArgumentException> { Arguments.prompt(blank) }.message shouldContain "prompt"
            }
        }
        test("1 and 1000 characters pass") {
            Arguments.prompt("a") shouldBe "a"
            shouldNotThrowAny { Arguments.prompt("a".repeat(1000)) }
        }
        test("1001 characters are rejected, saying the count and the limit") {
            val e = shouldThrow<IllegalArgumentException> { Arguments.prompt("a".repeat(1001)) }
            e.message shouldContain "1001"
            e.message shouldContain "1000"
        }
        test("characters are counted as the service counts them: an emoji is one") {
            shouldNotThrowAny { Arguments.prompt("😀".repeat(1000)) }
            shouldThrow<IllegalArgumentException> { Arguments.prompt("😀".repeat(1001)) }.message shouldContain "1001"
        }
    }

    context("firstMessage") {
        test("blank is rejected, anything else passes") {
            shouldThrow<IllegalArgumentException> { Arguments.firstMessage(" ") }.message shouldContain "firstMessage"
            Arguments.firstMessage("What were the main findings in Q3?") shouldBe "What were the main findings in Q3?"
        }
    }

    context("indexIds") {
        test("null and lists of non-blank ids pass") {
            Arguments.indexIds(null) shouldBe null
            Arguments.indexIds(emptyList()) shouldBe emptyList()
            Arguments.indexIds(listOf("idx-a", "idx-b")) shouldBe listOf("idx-a", "idx-b")
        }
        test("a blank id is rejected with its position") {
            shouldThrow<IllegalArgumentException> { Arguments.indexIds(listOf("idx-a", " ")) }.message shouldContain "indexIds[1]"
        }
    }

    context("pageSize") {
        test("null, 1 and 100 pass") {
            Arguments.pageSize(null) shouldBe null
            Arguments.pageSize(1) shouldBe 1
            Arguments.pageSize(100) shouldBe 100
        }
        test("0, 101 and negatives are rejected") {
            for (bad in listOf(0, 101, -1, Int.MAX_VALUE)) {
                shouldThrow<IllegalArgumentException> { Arguments.pageSize(bad) }.message shouldContain "pageSize"
            }
        }
    }

    context("pageToken") {
        test("null and any non-empty token pass") {
            Arguments.pageToken(null) shouldBe null
            Arguments.pageToken("opaque==") shouldBe "opaque=="
        }
        test("the empty token is rejected") {
            shouldThrow<IllegalArgumentException> { Arguments.pageToken("") }.message shouldContain "pageToken"
        }
    }

    context("uuid") {
        test("null and canonical UUIDs in either case pass") {
            Arguments.uuid("projectId", null) shouldBe null
            Arguments.uuid("projectId", "123e4567-e89b-12d3-a456-426614174000") shouldBe "123e4567-e89b-12d3-a456-426614174000"
            Arguments.uuid("projectId", "123E4567-E89B-12D3-A456-426614174000") shouldBe "123E4567-E89B-12D3-A456-426614174000"
        }
        test("anything else is rejected, naming the argument and the value") {
            for (bad in listOf(
                "", "proj-1", "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400",
                "123e4567-e89b-12d3-a456-4266141740000", "123e4567-e89b-12d3-a456-42661417400g",
                "{123e4567-e89b-12d3-a456-426614174000}", " 123e4567-e89b-12d3-a456-426614174000",
                // java.util.UUID.fromString takes these and silently changes them
                "123456789-1234-1234-1234-12345678901", "+2345678-1234-1234-1234-1234567890ab", "12345678-+234-1234-1234-1234567890ab",
            )) {
                val e = shouldThrow<IllegalArgumentException> { Arguments.uuid("organizationId", bad) }
                e.message shouldContain "organizationId"
                e.message shouldContain "'$bad'"
            }
        }
    }
})

package dev.llamachat.testkit.internal

import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.internal.MainOptions
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldEndWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.property.Arb
import io.kotest.property.arbitrary.string
import io.kotest.property.checkAll

class InternalsSpec : FunSpec({
    context("Titles") {
        test("keep short messages whole, collapse white space and add the ellipsis") {
            Titles.fromFirstMessage("What were the main findings in Q3?") shouldBe "What were the main findings in Q3?..."
            Titles.fromFirstMessage(" a \n b\t c ") shouldBe "a b c..."
        }

        test("cut long messages at the last word boundary that fits, 60 characters in all") {
            val title = Titles.fromFirstMessage("one two three four five six seven eight nine ten eleven twelve thirteen")
            title shouldBe "one two three four five six seven eight nine ten eleven..."
            Titles.fromFirstMessage("x".repeat(100)) shouldBe "x".repeat(57) + "..."
        }

        test("are never longer than 60 characters, for any message") {
            checkAll(300, Arb.string(0..200)) { message ->
                val title = Titles.fromFirstMessage(message)
                title.length shouldBeLessThanOrEqual 60
                title shouldEndWith "..."
            }
        }
    }

    context("Tokens") {
        test("split text into pieces that join back into it") {
            checkAll(300, Arb.string(0..300)) { text ->
                Tokens.split(text).joinToString("") shouldBe text
                Tokens.deltas(text).joinToString("") shouldBe text
            }
        }

        test("keep leading spaces with words and cut long words") {
            Tokens.split("The main findings, internationalisation!") shouldContainExactly
                listOf("The", " main", " find", "ings", ",", " inte", "rnat", "iona", "lisa", "tion", "!")
        }
    }

    context("PageTokens") {
        test("round-trip a position within their scope only") {
            val key = SortKey(1_776_861_281_342_245, "ses-abc")
            val token = PageTokens.encode("p1", key)
            PageTokens.decode("p1", token) shouldBe key
            PageTokens.decode("p2", token) shouldBe null
            PageTokens.decode("p1", token.dropLast(2)) shouldBe null
            PageTokens.decode("p1", "x$token") shouldBe null
        }
    }

    context("Router") {
        test("maps the seven endpoints on the raw path") {
            (Router.route("GET", "/api/v1/chat") as Route.Matched).endpoint shouldBe Endpoint.LIST
            (Router.route("POST", "/api/v1/chat") as Route.Matched).endpoint shouldBe Endpoint.CREATE
            (Router.route("GET", "/api/v1/chat/s1") as Route.Matched).endpoint shouldBe Endpoint.RETRIEVE
            (Router.route("DELETE", "/api/v1/chat/s1") as Route.Matched).endpoint shouldBe Endpoint.DELETE
            (Router.route("GET", "/api/v1/chat/s1/summary") as Route.Matched).endpoint shouldBe Endpoint.SUMMARY
            (Router.route("POST", "/api/v1/chat/s1/title") as Route.Matched).endpoint shouldBe Endpoint.TITLE
            val stream = Router.route("POST", "/api/v1/chat/s1/messages/stream") as Route.Matched
            stream.endpoint shouldBe Endpoint.STREAM
            stream.sessionId shouldBe "s1"
        }

        test("keeps an encoded id in one segment, decoded") {
            (Router.route("GET", "/api/v1/chat/a%2Fb%3Fc/summary") as Route.Matched).sessionId shouldBe "a/b?c"
            (Router.route("GET", "/api/v1/chat/../summary") as Route.Matched).sessionId shouldBe ".."
            (Router.route("GET", "/api/v1/chat/%E2%82%AC") as Route.Matched).sessionId shouldBe "€"
            (Router.route("GET", "/api/v1/chat/%zz") as Route.Matched).sessionId shouldBe Router.UNDECODABLE
            (Router.route("GET", "/api/v1/chat/%C3") as Route.Matched).sessionId shouldBe Router.UNDECODABLE
            Router.route("GET", "/api/v1/chat/a/b") shouldBe Route.NotFound
            Router.route("PATCH", "/api/v1/chat/a").shouldBeInstanceOf<Route.MethodNotAllowed>()
        }
    }

    context("Retriever") {
        test("ranks the passages of the asked quarter first") {
            val hits = Retriever.search("What were the main findings in Q3?", Corpus.select(listOf("idx-demo")))
            hits.first().document.id shouldBe "doc-q3-2025-report"
            Retriever.search("the third quarter revenue", Corpus.select(listOf("idx-demo"))).first().document.id shouldBe "doc-q3-2025-report"
        }

        test("searches only the named built-in indexes") {
            Retriever.search("vacation days", Corpus.select(listOf("idx-demo"))).none { it.index.id == "idx-handbook" } shouldBe true
            Retriever.search("vacation days", Corpus.select(listOf("idx-handbook"))).first().passage.page shouldBe 4
        }
    }

    context("the standalone command's options") {
        test("are read in both --name value and --name=value forms") {
            val options = MainOptions.parse(arrayOf("--port", "8080", "--api-key=sk-1", "--keep-alive-ms", "15000", "--token-delay-ms=20"))
            options.port shouldBe 8080
            options.apiKey shouldBe "sk-1"
            options.keepAliveMs shouldBe 15000L
            options.tokenDelayMs shouldBe 20L
            MainOptions.parse(emptyArray()).port shouldBe 0
        }

        test("are refused when unknown or out of range") {
            shouldThrow<IllegalArgumentException> { MainOptions.parse(arrayOf("--port", "70000")) }
            shouldThrow<IllegalArgumentException> { MainOptions.parse(arrayOf("--port")) }
            shouldThrow<IllegalArgumentException> { MainOptions.parse(arrayOf("--verbose", "1")) }
            shouldThrow<IllegalArgumentException> { MainOptions.parse(arrayOf("--token-delay-ms", "-1")) }
        }
    }
})

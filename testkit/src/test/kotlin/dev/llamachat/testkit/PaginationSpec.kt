package dev.llamachat.testkit

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import java.net.URLEncoder
import java.util.UUID
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** Every page of a listing: the session ids in order, and how many pages it took. */
private fun TestHttp.listAll(pageSize: Int?, query: String = ""): Pair<List<String>, Int> {
    val ids = ArrayList<String>()
    var token: String? = null
    var pages = 0
    do {
        val params = buildList {
            if (pageSize != null) add("page_size=$pageSize")
            if (token != null) add("page_token=" + URLEncoder.encode(token, Charsets.UTF_8))
            if (query.isNotEmpty()) add(query)
        }.joinToString("&")
        val response = get("/api/v1/chat" + if (params.isEmpty()) "" else "?$params")
        check(response.status == 200) { response.toString() }
        val json = response.json
        ids += json["items"]!!.jsonArray.map { it.jsonObject["session_id"]!!.jsonPrimitive.content }
        token = json["next_page_token"]?.takeUnless { it == JsonNull }?.jsonPrimitive?.content?.takeIf { it.isNotEmpty() }
        pages++
        check(pages < 10_000) { "endless listing" }
    } while (token != null)
    return ids to pages
}

class PaginationSpec : FunSpec({
    val server = autoClose(LocalLlamaCloud.start())
    val http = TestHttp(server)
    val project = UUID.randomUUID().toString()
    val created = (1..237).map { http.create(query = "?project_id=$project") }

    context("listing") {
        test("walks every session once, most recently updated first, across many pages") {
            val (ids, pages) = http.listAll(pageSize = 10, query = "project_id=$project")
            ids shouldContainExactly created.reversed()
            pages shouldBe 24
        }

        test("gives the same order for every page size, from 1 to 100") {
            for (size in listOf(1, 7, 20, 99, 100)) {
                http.listAll(pageSize = size, query = "project_id=$project").first shouldContainExactly created.reversed()
            }
        }

        test("uses pages of 20 by default and ends with a null next_page_token") {
            val first = http.get("/api/v1/chat?project_id=$project").json
            first["items"]!!.jsonArray shouldHaveSize 20
            val (_, pages) = http.listAll(pageSize = null, query = "project_id=$project")
            pages shouldBe 12
            fun next(page: TestHttp.Response) = page.json["next_page_token"]!!.jsonPrimitive.content
            val base = "/api/v1/chat?project_id=$project&page_size=100"
            val second = http.get("$base&page_token=${next(http.get(base))}")
            val last = http.get("$base&page_token=${next(second)}").json
            last["items"]!!.jsonArray shouldHaveSize 37
            last["next_page_token"] shouldBe JsonNull
        }

        test("has opaque tokens that do not show session ids") {
            val token = http.get("/api/v1/chat?project_id=$project&page_size=5").json["next_page_token"]!!.jsonPrimitive.content
            token shouldNotContain "ses-"
        }

        test("moves a session updated by a turn to the front, and a deleted one out") {
            val other = UUID.randomUUID().toString()
            val ids = (1..5).map { http.create(query = "?project_id=$other") }
            http.stream(ids[1], "hello", query = "?project_id=$other").status shouldBe 200
            http.delete("/api/v1/chat/${ids[3]}?project_id=$other").status shouldBe 204
            http.listAll(pageSize = 2, query = "project_id=$other").first shouldContainExactly
                listOf(ids[1], ids[4], ids[2], ids[0])
        }

        test("continues a walk after a session listed earlier was deleted") {
            val other = UUID.randomUUID().toString()
            val ids = (1..6).map { http.create(query = "?project_id=$other") }
            val first = http.get("/api/v1/chat?project_id=$other&page_size=3").json
            first["items"]!!.jsonArray.map { it.jsonObject["session_id"]!!.jsonPrimitive.content } shouldContainExactly ids.reversed().take(3)
            http.delete("/api/v1/chat/${ids[3]}?project_id=$other")
            val token = first["next_page_token"]!!.jsonPrimitive.content
            val second = http.get("/api/v1/chat?project_id=$other&page_size=3&page_token=$token").json
            second["items"]!!.jsonArray.map { it.jsonObject["session_id"]!!.jsonPrimitive.content } shouldContainExactly ids.reversed().drop(3)
        }

        test("refuses a token issued for another project") {
            val token = http.get("/api/v1/chat?project_id=$project&page_size=5").json["next_page_token"]!!.jsonPrimitive.content
            http.get("/api/v1/chat?page_size=5&page_token=$token").status shouldBe 400
        }
    }

    context("project scoping") {
        test("lists and counts only the project's sessions") {
            val lonely = UUID.randomUUID().toString()
            val id = http.create(query = "?project_id=$lonely")
            http.listAll(pageSize = 50, query = "project_id=$lonely").first shouldContainExactly listOf(id)
            server.sessionCount(lonely) shouldBe 1
            server.sessionCount(project) shouldBe 237
            http.listAll(pageSize = 100).first.contains(id) shouldBe false
        }

        test("treats the 32-digit and the hyphenated form of a project id as the same project") {
            val projectId = UUID.randomUUID()
            val id = http.create(query = "?project_id=$projectId")
            http.get("/api/v1/chat/$id?project_id=${projectId.toString().replace("-", "")}").status shouldBe 200
            http.get("/api/v1/chat/$id?project_id=${projectId.toString().uppercase()}").status shouldBe 200
        }

        test("puts sessions created without a project under the default project") {
            val before = server.sessionCount()
            val id = http.create()
            server.sessionCount() shouldBe before + 1
            http.get("/api/v1/chat/$id").status shouldBe 200
        }
    }
})

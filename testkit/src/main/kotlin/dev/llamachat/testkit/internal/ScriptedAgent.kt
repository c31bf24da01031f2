package dev.llamachat.testkit.internal

import dev.llamachat.ChatEvent
import dev.llamachat.Usage
import java.security.MessageDigest
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.add
import kotlinx.serialization.json.addJsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray

/** The events of one agent turn, in stream order (deltas included), and what it cost. */
internal class AgentTurn(val events: List<ChatEvent>, val usage: Usage)

/**
 * The local cloud's agent: it thinks, searches the selected [Corpus] indexes with one `search_index` call, and
 * answers from the passages found. A pure function of its inputs: the same prompt, index ids and turn number
 * always give the same events, usage included.
 */
internal object ScriptedAgent {
    const val TOOL_NAME: String = "search_index"

    /** What a real agent would have in its context besides the prompt; counted as input tokens. */
    private const val SYSTEM_PROMPT = "You answer questions about the user's documents. Search the bound indexes " +
        "with search_index, answer only from the passages found, and cite document and page."

    fun run(prompt: String, indexIds: List<String>, turn: Long): AgentTurn {
        val indexes = Corpus.select(indexIds)
        val hits = Retriever.search(prompt, indexes)
        val thinking = thinking(prompt, indexIds)
        val arguments = buildJsonObject {
            put("query", prompt)
            putJsonArray("index_ids") { indexIds.forEach { add(it) } }
        }
        val result = result(hits)
        val answer = if (hits.isEmpty()) noAnswer(prompt, indexes) else answer(hits)
        val outputTokens = Tokens.count(thinking) + Tokens.count(arguments.toString()) + Tokens.count(answer)
        val usage = Usage(
            durationMs = 180.0 + 9.0 * outputTokens,
            totalInputTokens = Tokens.count(SYSTEM_PROMPT) + Tokens.count(prompt) + Tokens.count(result.toString()),
            totalOutputTokens = outputTokens,
            turns = turn,
        )
        val callId = "call_" + digest(prompt + "\u0000" + indexIds.joinToString("\u0000"))
        val events = ArrayList<ChatEvent>()
        Tokens.deltas(thinking).mapTo(events) { ChatEvent.ThinkingDelta(it) }
        events += ChatEvent.Thinking(thinking)
        events += ChatEvent.ToolCall(callId, TOOL_NAME, arguments)
        events += ChatEvent.ToolResult(callId, TOOL_NAME, result, hits.firstOrNull()?.let { it.passage.attachment(it.document) })
        Tokens.deltas(answer).mapTo(events) { ChatEvent.TextDelta(it) }
        events += ChatEvent.Text(answer)
        events += ChatEvent.Stop(null, false, usage)
        return AgentTurn(events, usage)
    }

    private fun thinking(prompt: String, indexIds: List<String>): String {
        val terms = Retriever.terms(prompt).joinToString(", ").ifEmpty { "the question" }
        val where = if (indexIds.isEmpty()) "all available indexes" else indexIds.joinToString(", ")
        return "The user asks: \"${prompt.trim()}\". I will search $where for passages about $terms, " +
            "then answer from the best matches and cite the pages."
    }

    private fun result(hits: List<Hit>): JsonObject = buildJsonObject {
        putJsonArray("passages") {
            for (hit in hits) {
                addJsonObject {
                    put("index_id", hit.index.id)
                    put("source_id", hit.document.id)
                    put("title", hit.document.title)
                    put("page", hit.passage.page)
                    put("text", hit.passage.text)
                    put("score", hit.score)
                }
            }
        }
    }

    private fun answer(hits: List<Hit>): String = buildString {
        val documents = hits.map { it.document }.distinct()
        append(if (documents.size == 1) "According to the ${documents[0].title}:" else "Here is what the documents say:")
        append("\n")
        for (hit in hits) {
            append("\n- ").append(hit.passage.text)
            append(" (").append(hit.document.title).append(", page ").append(hit.passage.page).append(')')
        }
    }

    private fun noAnswer(prompt: String, indexes: List<Index>): String {
        val topics = indexes.flatMap { index -> index.documents.map { it.title } }.joinToString("; ")
        return "I searched ${indexes.joinToString(" and ") { it.name }} but found nothing that answers " +
            "\"${prompt.trim()}\". The documents there are: $topics. Try asking about one of those."
    }

    private fun digest(text: String): String =
        MessageDigest.getInstance("SHA-256").digest(text.toByteArray()).take(8).joinToString("") { "%02x".format(it) }
}

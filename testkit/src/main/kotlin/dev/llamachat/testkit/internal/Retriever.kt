package dev.llamachat.testkit.internal

import kotlin.math.ln

/** One passage a search matched, with its relevance score (higher is better). */
internal class Hit(val index: Index, val document: Document, val passage: Passage, val score: Double)

/**
 * Keyword search over the [Corpus]: each query term found in a passage adds its inverse document frequency
 * (rare words weigh more), twice that when found in the document's title. Deterministic: ties keep the
 * corpus order.
 */
internal object Retriever {
    private const val LIMIT = 3

    fun search(query: String, indexes: List<Index>): List<Hit> {
        val wanted = terms(query)
        if (wanted.isEmpty()) return emptyList()
        class Candidate(val index: Index, val document: Document, val passage: Passage, val terms: Set<String>, val titleTerms: Set<String>)
        val candidates = indexes.flatMap { index ->
            index.documents.flatMap { document ->
                val titleTerms = terms(document.title)
                document.passages.map { Candidate(index, document, it, terms(it.text), titleTerms) }
            }
        }
        val weights = wanted.associateWith { term ->
            val frequency = candidates.count { term in it.terms || term in it.titleTerms }
            if (frequency == 0) 0.0 else ln(1.0 + candidates.size.toDouble() / frequency)
        }
        val hits = candidates.mapNotNull { c ->
            val score = wanted.sumOf { term ->
                (if (term in c.terms) 1.0 else 0.0) * weights.getValue(term) +
                    (if (term in c.titleTerms) 2.0 else 0.0) * weights.getValue(term)
            }
            if (score > 0.0) Hit(c.index, c.document, c.passage, Math.round(score * 100) / 100.0) else null
        }
        val best = hits.maxOfOrNull { it.score } ?: return emptyList()
        // Keep only passages about as relevant as the best one, so a stray common word does not pull in noise.
        return hits.filter { it.score * 2 >= best }.sortedByDescending { it.score }.take(LIMIT)
    }

    /** The meaningful, normalised words of [text]. */
    fun terms(text: String): Set<String> {
        var lower = text.lowercase()
        for ((phrase, quarter) in QUARTER_PHRASES) lower = lower.replace(phrase, quarter)
        return WORD.findAll(lower)
            .map { it.value }
            .filter { it !in STOP_WORDS }
            .map { SYNONYMS[it] ?: it }
            .map { if (it.length > 3 && it.endsWith('s') && !it.endsWith("ss")) it.dropLast(1) else it }
            .toSet()
    }

    private val WORD = Regex("[\\p{L}\\p{N}]+")

    private val QUARTER_PHRASES = listOf(
        Regex("\\b(first|1st) quarter\\b") to "q1",
        Regex("\\b(second|2nd) quarter\\b") to "q2",
        Regex("\\b(third|3rd) quarter\\b") to "q3",
        Regex("\\b(fourth|4th|last) quarter\\b") to "q4",
    )

    private val SYNONYMS = mapOf(
        "pto" to "vacation", "holidays" to "holiday", "wfh" to "remote", "remotely" to "remote",
        "travelling" to "travel", "traveling" to "travel",
        "earnings" to "revenue", "sales" to "revenue", "margins" to "margin",
    )

    private val STOP_WORDS = setOf(
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "did", "do", "does", "for", "from", "get", "had",
        "has", "have", "how", "i", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "tell",
        "that", "the", "their", "there", "these", "this", "to", "us", "was", "we", "were", "what", "when", "where",
        "which", "who", "why", "will", "with", "you", "your", "about", "please", "much", "many", "any", "all",
        "up", "after", "more", "new",
    )
}

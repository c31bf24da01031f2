package dev.llamachat.testkit.internal

import dev.llamachat.ImageAttachment

/** One searchable index of the local cloud. */
internal class Index(val id: String, val name: String, val documents: List<Document>)

/** A document of an [Index]; [summary] closes answers drawn from it. */
internal class Document(val id: String, val title: String, val passages: List<Passage>)

/** One page of a [Document]. Every page has a screenshot, so every retrieval can carry an image attachment. */
internal class Passage(val page: Int, val text: String) {
    fun attachment(document: Document): ImageAttachment = ImageAttachment("page-$page.png", document.id)
}

/** The built-in indexes: small, fixed documents so that the scripted agent gives sensible answers offline. */
internal object Corpus {
    val indexes: List<Index> = listOf(
        Index(
            "idx-demo",
            "Acme Robotics quarterly reports 2025",
            listOf(
                Document(
                    "doc-q1-2025-report", "Q1 2025 Quarterly Report",
                    listOf(
                        Passage(1, "Q1 revenue was $3.8M, up 6% on Q4 2024; warehouse-picking robots made up 61% of sales."),
                        Passage(2, "The main finding of Q1 was a supply problem: a shortage of lidar sensors delayed 140 deliveries by three weeks on average."),
                        Passage(3, "Customer churn held at 3.4% in Q1, and support resolved 88% of tickets within two business days."),
                    ),
                ),
                Document(
                    "doc-q2-2025-report", "Q2 2025 Quarterly Report",
                    listOf(
                        Passage(1, "Q2 revenue rose 9% to $4.1M once the sensor backlog cleared in May."),
                        Passage(2, "The key finding of Q2 was that self-service onboarding cut setup time from 11 days to 4 and doubled trial conversions."),
                        Passage(3, "Gross margin slipped to 41% in Q2 because of expedited freight, a one-off expected to reverse in Q3."),
                    ),
                ),
                Document(
                    "doc-q3-2025-report", "Q3 2025 Quarterly Report",
                    listOf(
                        Passage(1, "Q3 revenue grew 14% quarter over quarter to $4.7M, the strongest quarter so far, led by the enterprise tier."),
                        Passage(2, "The main findings in Q3: churn fell to 2.1% after predictive-maintenance alerts launched, and gross margin recovered to 47% as freight costs normalised."),
                        Passage(3, "The main risk found in Q3 is concentration: the three largest customers now bring 38% of revenue."),
                    ),
                ),
                Document(
                    "doc-q4-2025-report", "Q4 2025 Quarterly Report",
                    listOf(
                        Passage(1, "Q4 revenue reached $5.3M, up 13%, closing 2025 at $17.9M, 42% above 2024."),
                        Passage(2, "The main finding of Q4: fleet-analytics add-ons were bought by 57% of new customers, the fastest-growing product line."),
                        Passage(3, "For 2026 the Q4 report recommends widening the customer base and opening a European support hub."),
                    ),
                ),
            ),
        ),
        Index(
            "idx-handbook",
            "Acme Robotics employee handbook",
            listOf(
                Document(
                    "doc-handbook-time-off", "Employee Handbook: Time Off",
                    listOf(
                        Passage(4, "Full-time employees get 25 days of paid vacation a year plus public holidays; up to 5 unused vacation days carry over."),
                        Passage(5, "Sick leave has no fixed limit; an absence longer than five working days needs a doctor's note."),
                    ),
                ),
                Document(
                    "doc-handbook-remote-work", "Employee Handbook: Remote Work",
                    listOf(
                        Passage(7, "Employees may work remotely up to three days a week; each team agrees on two shared office days."),
                        Passage(8, "The company pays a one-time home-office allowance of $600 and $40 a month towards internet costs."),
                    ),
                ),
                Document(
                    "doc-handbook-expenses", "Employee Handbook: Expenses and Travel",
                    listOf(
                        Passage(11, "Expenses under $75 need no approval; larger expenses need a manager's approval in the expense tool within 30 days."),
                        Passage(12, "Travel is booked through the travel portal; economy class is standard for flights under six hours."),
                    ),
                ),
                Document(
                    "doc-handbook-security", "Employee Handbook: Security",
                    listOf(
                        Passage(15, "Laptops must use full-disk encryption and lock after five minutes without use."),
                        Passage(16, "Report a lost device or suspected phishing to security@acme.example within one hour."),
                    ),
                ),
            ),
        ),
    )

    private val byId: Map<String, Index> = indexes.associateBy { it.id }

    /** The indexes a turn searches: the known ones among [ids], or every built-in index if none is known. */
    fun select(ids: List<String>): List<Index> {
        val known = ids.distinct().mapNotNull { byId[it] }
        return known.ifEmpty { indexes }
    }
}

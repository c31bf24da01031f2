package dev.llamachat.benchmarks.measure

/** The median of [values] (the mean of the middle two for an even count). */
internal fun median(values: List<Double>): Double {
    require(values.isNotEmpty()) { "no values" }
    val sorted = values.sorted()
    val mid = sorted.size / 2
    return if (sorted.size % 2 == 1) sorted[mid] else (sorted[mid - 1] + sorted[mid]) / 2
}

/** The [p]-th percentile (0..100) of [values], nearest rank. */
internal fun percentile(values: List<Double>, p: Double): Double {
    require(values.isNotEmpty()) { "no values" }
    val sorted = values.sorted()
    val rank = kotlin.math.ceil(p / 100.0 * sorted.size).toInt().coerceIn(1, sorted.size)
    return sorted[rank - 1]
}

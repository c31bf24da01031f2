package dev.llamachat.internal

/**
 * The pending deadlines of a [TimerThread], earliest first: a binary heap whose entries know their index, so that
 * disarming one (what nearly every deadline ends as) removes it at once instead of leaving it to pile up until it
 * would have been due. Not thread-safe: the timer guards it.
 */
internal class DeadlineHeap {
    /** A deadline at [at] (in the timer's nanoseconds); [index] is its place in the heap, -1 once out of it. */
    open class Entry(val at: Long, val action: Runnable) {
        var index: Int = -1
    }

    private var entries = arrayOfNulls<Entry>(16)

    var size: Int = 0
        private set

    fun peek(): Entry? = entries[0]

    fun add(entry: Entry) {
        if (size == entries.size) entries = entries.copyOf(size * 2)
        entries[size] = entry
        entry.index = size
        size++
        siftUp(entry.index)
    }

    /** Takes [entry] out; false if it was not in (it ran, or was removed before). */
    fun remove(entry: Entry): Boolean {
        val index = entry.index
        if (index < 0 || index >= size || entries[index] !== entry) return false
        size--
        val last = entries[size]!!
        entries[size] = null
        entry.index = -1
        if (index < size) {
            place(last, index)
            siftDown(index)
            siftUp(last.index)
        }
        return true
    }

    private fun place(entry: Entry, index: Int) {
        entries[index] = entry
        entry.index = index
    }

    // Compared by difference, as System.nanoTime values must be: they may wrap around.
    private fun earlier(a: Entry, b: Entry) = a.at - b.at < 0

    private fun siftUp(start: Int) {
        var index = start
        val entry = entries[index]!!
        while (index > 0) {
            val parent = (index - 1) / 2
            val above = entries[parent]!!
            if (!earlier(entry, above)) break
            place(above, index)
            index = parent
        }
        place(entry, index)
    }

    private fun siftDown(start: Int) {
        var index = start
        val entry = entries[index]!!
        while (true) {
            var child = 2 * index + 1
            if (child >= size) break
            if (child + 1 < size && earlier(entries[child + 1]!!, entries[child]!!)) child++
            val below = entries[child]!!
            if (!earlier(below, entry)) break
            place(below, index)
            index = child
        }
        place(entry, index)
    }
}

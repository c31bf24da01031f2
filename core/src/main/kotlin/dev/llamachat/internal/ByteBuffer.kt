package dev.llamachat.internal

/** A growable byte array that is reused across lines and events instead of allocating per line. */
internal class ByteBuffer(initialCapacity: Int) {
    var bytes = ByteArray(initialCapacity)
        private set
    var size = 0
        private set

    fun append(b: Byte) {
        ensureCapacity(size + 1)
        bytes[size++] = b
    }

    fun append(src: ByteArray, offset: Int, length: Int) {
        ensureCapacity(size + length)
        System.arraycopy(src, offset, bytes, size, length)
        size += length
    }

    fun clear() {
        size = 0
    }

    fun decodeUtf8(): String = String(bytes, 0, size, Charsets.UTF_8)

    private fun ensureCapacity(needed: Int) {
        if (needed > bytes.size) bytes = bytes.copyOf(maxOf(needed, bytes.size * 2))
    }
}

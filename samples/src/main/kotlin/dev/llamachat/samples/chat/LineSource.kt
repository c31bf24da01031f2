package dev.llamachat.samples.chat

import java.io.BufferedReader
import java.io.InputStream
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** Where the chat's input lines come from: standard input, or a script in tests. */
internal fun interface LineSource {
    /** The next line without its line ending, or null at the end of input. */
    suspend fun readLine(): String?
}

/** Lines of [input] (UTF-8), read on the IO dispatcher so that the chat's own thread stays free to render. */
internal class StreamLineSource(input: InputStream) : LineSource {
    private val reader: BufferedReader = input.bufferedReader(Charsets.UTF_8)

    override suspend fun readLine(): String? = withContext(Dispatchers.IO) { reader.readLine() }
}

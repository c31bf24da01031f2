package dev.llamachat.benchmarks.clients

import java.net.URI

/** Makes each measured client by its id, so that child JVMs (the memory probe) can build the same ones. */
internal class ClientCatalog(private val baseUrl: String, private val apiKey: String) {
    private val host = URI.create(baseUrl).host
    private val port = URI.create(baseUrl).port

    /** Every client of the comparison, in report order. */
    val available: List<String> = listOf(RAW, REFERENCE, OKHTTP_SSE)

    /** The clients streamed in the small-heap JVM. */
    val memoryProbes: List<String> = listOf(REFERENCE)

    /** Engine name to the client id of the SDK's Kotlin Flow on that engine. */
    val engines: List<Pair<String, String>> = emptyList()

    fun create(id: String): StreamClient = when (id) {
        RAW -> RawBytesClient(host, port, apiKey)
        REFERENCE -> ReferenceClient(host, port, apiKey)
        OKHTTP_SSE -> OkHttpSseClient(baseUrl, apiKey)
        else -> throw IllegalArgumentException("unknown client '$id'; known: $available")
    }

    companion object {
        const val RAW = "raw"
        const val REFERENCE = "reference"
        const val OKHTTP_SSE = "okhttp-sse"
        const val SDK_FLOW = "sdk-flow"
        const val SDK_PUBLISHER = "sdk-publisher"
        const val SDK_BLOCKING = "sdk-blocking"
    }
}

package dev.llamachat.benchmarks.clients

import dev.llamachat.ktor.LlamaCloudChatConfig
import java.net.URI

/** Makes each measured client by its id, so that child JVMs (the memory probe) can build the same ones. */
internal class ClientCatalog(private val baseUrl: String, private val apiKey: String) {
    private val host = URI.create(baseUrl).host
    private val port = URI.create(baseUrl).port

    /** Every client of the comparison, in report order. */
    val available: List<String> = listOf(RAW, REFERENCE, OKHTTP_SSE, OKHTTP_SSE_CALLER, OKHTTP_DIRECT, OKHTTP_DIRECT_BYTES, KTOR_PLAIN, KTOR_OKHTTP_PLAIN, SDK_FLOW, SDK_FLOW_IO, SDK_PUBLISHER, SDK_PUBLISHER_FIXED_POOL, SDK_BLOCKING) + ENGINES.map { it.second }

    /** The clients streamed in the small-heap JVM. */
    val memoryProbes: List<String> = listOf(REFERENCE, OKHTTP_SSE, OKHTTP_DIRECT, OKHTTP_DIRECT_BYTES, SDK_FLOW, SDK_FLOW_SKIP_TEXT)

    /** Engine name to the client id of the SDK's Kotlin Flow on that engine. */
    val engines: List<Pair<String, String>> = ENGINES

    fun create(id: String): StreamClient = when (id) {
        RAW -> RawBytesClient(host, port, apiKey)
        REFERENCE -> ReferenceClient(host, port, apiKey)
        OKHTTP_SSE -> OkHttpSseClient(baseUrl, apiKey)
        OKHTTP_SSE_CALLER -> OkHttpSseClient(baseUrl, apiKey, handOff = true)
        OKHTTP_DIRECT -> OkHttpDirectClient(baseUrl, apiKey, decodeOnCallThread = true)
        OKHTTP_DIRECT_BYTES -> OkHttpDirectClient(baseUrl, apiKey, decodeOnCallThread = false)
        KTOR_PLAIN -> KtorPlainClient(baseUrl, apiKey)
        KTOR_OKHTTP_PLAIN -> KtorPlainClient(baseUrl, apiKey, okHttp = true)
        SDK_FLOW -> SdkFlowClient(baseUrl, apiKey, SdkEngine.DEFAULT, SDK_MAX_EVENT_BYTES)
        SDK_FLOW_SKIP_TEXT -> SdkFlowClient(baseUrl, apiKey, SdkEngine.DEFAULT, LlamaCloudChatConfig.DEFAULT_MAX_EVENT_BYTES, skipFinalText = true)
        SDK_FLOW_IO -> SdkFlowClient(baseUrl, apiKey, SdkEngine.DEFAULT, SDK_MAX_EVENT_BYTES, onIo = true)
        SDK_PUBLISHER -> SdkPublisherClient(baseUrl, apiKey, SDK_MAX_EVENT_BYTES)
        SDK_PUBLISHER_FIXED_POOL -> SdkPublisherClient(baseUrl, apiKey, SDK_MAX_EVENT_BYTES, threadsPerCore = 4)
        SDK_BLOCKING -> SdkBlockingClient(baseUrl, apiKey, SDK_MAX_EVENT_BYTES)
        SDK_FLOW_CIO -> SdkFlowClient(baseUrl, apiKey, SdkEngine.CIO_ENGINE, SDK_MAX_EVENT_BYTES)
        SDK_FLOW_OKHTTP -> SdkFlowClient(baseUrl, apiKey, SdkEngine.OKHTTP, SDK_MAX_EVENT_BYTES)
        SDK_FLOW_OKHTTP_TUNED -> SdkFlowClient(baseUrl, apiKey, SdkEngine.OKHTTP_TUNED, SDK_MAX_EVENT_BYTES)
        SDK_FLOW_JAVA -> SdkFlowClient(baseUrl, apiKey, SdkEngine.JAVA, SDK_MAX_EVENT_BYTES)
        else -> throw IllegalArgumentException("unknown client '$id'; known: $available")
    }

    companion object {
        const val RAW = "raw"
        const val REFERENCE = "reference"
        const val OKHTTP_SSE = "okhttp-sse"
        const val OKHTTP_SSE_CALLER = "okhttp-sse-caller"

        /** What a stream path straight on OkHttp into core's decoder would reach (issue 13's candidate design). */
        const val OKHTTP_DIRECT = "okhttp-direct"

        /** The same, decoding in the collector's coroutine from the bytes the call thread read. */
        const val OKHTTP_DIRECT_BYTES = "okhttp-direct-bytes"
        const val KTOR_PLAIN = "ktor-cio-plain"
        const val KTOR_OKHTTP_PLAIN = "ktor-okhttp-plain"
        const val SDK_FLOW = "sdk-flow"

        /** The SDK's Flow with `skipFinalText`, the default event limit: only in the memory figure, on the whole turn. */
        const val SDK_FLOW_SKIP_TEXT = "sdk-flow-skip-text"

        /** The Flow collected on `Dispatchers.IO`, started on the caller's thread: the Publisher's threads, in Kotlin. */
        const val SDK_FLOW_IO = "sdk-flow-io"
        const val SDK_PUBLISHER = "sdk-publisher"

        /** The Publisher on a fixed pool of 4 threads per core, as the SDK recommends for many streams at once. */
        const val SDK_PUBLISHER_FIXED_POOL = "sdk-publisher-fixed-pool"
        const val SDK_BLOCKING = "sdk-blocking"

        const val SDK_FLOW_CIO = "sdk-flow-cio"
        const val SDK_FLOW_OKHTTP = "sdk-flow-okhttp"
        const val SDK_FLOW_OKHTTP_TUNED = "sdk-flow-okhttp-tuned"
        const val SDK_FLOW_JAVA = "sdk-flow-java"

        /**
         * The SDK clients' event limit: a `bench:N` turn ends in one `text` event holding the whole answer (about
         * 8.5 bytes a delta: 1.8 MB for 200,000), beyond the SDK's 1 MiB default.
         */
        const val SDK_MAX_EVENT_BYTES: Int = 64 shl 20

        /**
         * The long turn of the memory figure: [deltas] deltas without the final whole-answer `text` (which no
         * client could hold in a small heap once the answer is large), so that every client streams the same bytes.
         */
        fun memoryPrompt(deltas: Int): String = "bench:$deltas:blocks:notext"

        /** The whole turn, final `text` included, for [SDK_FLOW_SKIP_TEXT], which skips that event unread. */
        fun memoryPromptWithText(deltas: Int): String = "bench:$deltas:blocks"

        private val ENGINES = listOf(
            "CIO" to SDK_FLOW_CIO,
            "OkHttp" to SDK_FLOW_OKHTTP,
            "OkHttp (dispatcher tuned)" to SDK_FLOW_OKHTTP_TUNED,
            "Java" to SDK_FLOW_JAVA,
        )
    }
}

package dev.llamachat.benchmarks.clients

import dev.llamachat.ktor.LlamaCloudChatConfig
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.java.Java
import io.ktor.client.engine.okhttp.OkHttp
import okhttp3.ConnectionPool
import okhttp3.Dispatcher
import java.util.concurrent.TimeUnit

/**
 * The Ktor engines the SDK's Kotlin Flow is measured on (target 7). Each is handed to the transport as a user
 * would (`engineFactory`), so the transport's own tuning applies; [OKHTTP_TUNED] passes an engine whose
 * dispatcher allows many calls per host, to show what that one setting changes.
 */
internal enum class SdkEngine(val label: String) {
    /** No engine set: whatever the transport's default is. */
    DEFAULT("default engine"),
    CIO_ENGINE("CIO"),
    OKHTTP("OkHttp"),
    OKHTTP_TUNED("OkHttp, dispatcher 1000/host"),
    JAVA("Java HttpClient"),
    ;

    /** Applies this engine to [config]; returns an engine the caller must close after the chat, if any. */
    fun applyTo(config: LlamaCloudChatConfig): HttpClientEngine? = when (this) {
        DEFAULT -> null
        CIO_ENGINE -> null.also { config.engineFactory = CIO }
        OKHTTP -> null.also { config.engineFactory = OkHttp }
        JAVA -> null.also { config.engineFactory = Java }
        OKHTTP_TUNED -> OkHttp.create {
            config {
                // OkHttp runs at most 5 calls per host at once by default (Dispatcher.maxRequestsPerHost).
                dispatcher(Dispatcher().apply { maxRequests = 1000; maxRequestsPerHost = 1000 })
                connectionPool(ConnectionPool(256, 5, TimeUnit.MINUTES))
            }
        }.also { config.engine = it }
    }
}

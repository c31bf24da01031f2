package dev.llamachat.ktor.internal

import dev.llamachat.ktor.LlamaCloudChatConfig
import io.ktor.client.HttpClient
import io.ktor.client.HttpClientConfig
import io.ktor.client.engine.HttpClientEngineConfig
import io.ktor.client.engine.HttpClientEngineFactory
import io.ktor.client.engine.cio.CIOEngineConfig
import io.ktor.client.engine.okhttp.OkHttp
import io.ktor.client.engine.okhttp.OkHttpConfig
import io.ktor.client.plugins.HttpTimeout
import io.ktor.client.plugins.HttpTimeoutConfig
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLSocketFactory
import javax.net.ssl.X509TrustManager
import kotlinx.coroutines.Dispatchers
import okhttp3.ConnectionPool
import okhttp3.Credentials
import okhttp3.Dispatcher
import okhttp3.OkHttpClient

/**
 * The clients a [dev.llamachat.ktor.LlamaCloudChat] talks through, and whether closing the chat closes them.
 * Clients derived with other call options share them (and their connection pool).
 *
 * @param direct the OkHttp client under the Ktor client's engine when this SDK created both: streams then go
 *   straight to it ([OkHttpExchange]), everything else through Ktor, on the same dispatcher, pool and interceptors.
 * @param ktorClient makes the Ktor client; called once, when a call first needs it (see [ktorClientCreated]).
 */
internal class ClientHandle private constructor(
    private val owned: Boolean,
    private val direct: OkHttpClient?,
    ktorClient: () -> HttpClient,
) {
    /** A caller's own [client] (not [owned]), or one this SDK made around a caller's engine or an engine other than OkHttp. */
    constructor(client: HttpClient, owned: Boolean) : this(owned, null, { client }) {
        // Made already: close() must close it (when owned) even if no call ever used it.
        ktor.value
    }

    /** This SDK's own OkHttp client, streams going straight to it; [ktorClient] makes the Ktor client on top of it. */
    constructor(direct: OkHttpClient, ktorClient: () -> HttpClient) : this(true, direct, ktorClient)

    private val closedFlag = AtomicBoolean(false)
    private val lock = Any()
    private val straight = direct?.let(::OkHttpExchange)

    /**
     * The Ktor client, made on first use: an application that only streams on the SDK's own OkHttp client never
     * needs it, and it keeps about 160 KB alive (its engine, plugins, pipelines and their classes: a class
     * histogram of the benchmarks' memory probe, issue 13). Made under the lock [close] takes, which refuses it
     * once closed: a client made while the chat closes would never be closed.
     */
    private val ktor = lazy(lock) {
        check(!closed) { "This LlamaCloudChat is closed." }
        ktorClient()
    }
    private val throughKtor by lazy { KtorExchange(ktor.value) }

    val closed: Boolean get() = closedFlag.get()

    /** Whether a call needed the Ktor client yet (a caller's own client or engine: from the start). */
    val ktorClientCreated: Boolean get() = ktor.isInitialized()

    /** How a call goes out: a stream straight on OkHttp where this SDK created it, anything else through Ktor. */
    fun exchangeFor(streaming: Boolean): Exchange = if (streaming) straight ?: throughKtor else throughKtor

    /** Refuses new calls; closes the clients if this SDK created them. Running streams finish. Idempotent. */
    fun close() {
        if (!closedFlag.compareAndSet(false, true) || !owned) return
        synchronized(lock) { if (ktor.isInitialized()) ktor.value.close() }
        direct?.let {
            it.dispatcher.executorService.shutdown()
            it.connectionPool.evictAll()
        }
    }
}

/**
 * Creates the HTTP client: the caller's own as it is, or one this SDK configures around the caller's engine or
 * a new engine: OkHttp by default. BENCHMARKS.md chose it by measurement: it reuses one connection for sequential
 * calls (Ktor 3.5's CIO opens a new one for every POST, i.e. every turn: a TCP and TLS handshake each), has the
 * SDK's best first-event time, and streams at least as fast as CIO; it is also Android's usual HTTP client.
 * The connection settings (proxy, TLS, pool limits) apply to the engine created here.
 */
internal object HttpClients {
    fun create(config: LlamaCloudChatConfig, settings: ClientSettings): ClientHandle {
        config.httpClient?.let { return ClientHandle(it, owned = false) }
        // A client around a caller's engine does not close that engine (Ktor's manageEngine = false).
        config.engine?.let { engine -> return ClientHandle(HttpClient(engine) { configure(settings) }, owned = true) }
        val factory = config.engineFactory ?: OkHttp
        if (factory !== OkHttp) return ClientHandle(create(factory, settings, null), owned = true)
        val direct = okHttpClient(settings)
        return ClientHandle(direct) { create(OkHttp, settings, direct) }
    }

    /**
     * The OkHttp client both paths share: Ktor's engine takes it as it is (`preconfigured`), so its dispatcher,
     * pool and interceptors are one; the timeouts are those Ktor's [HttpTimeout] sets on its engine's client.
     */
    private fun okHttpClient(settings: ClientSettings): OkHttpClient = OkHttpClient.Builder().apply {
        configure(settings.connection)
        settings.connection.proxy?.let { proxy(it) }
        connectTimeout(settings.connectTimeout.inWholeMilliseconds, TimeUnit.MILLISECONDS)
        readTimeout(0, TimeUnit.MILLISECONDS)
        writeTimeout(0, TimeUnit.MILLISECONDS)
        // A redirect means a wrong base URL, and following it could carry the key elsewhere.
        followRedirects(false)
        followSslRedirects(false)
    }.build()

    private fun <T : HttpClientEngineConfig> create(
        factory: HttpClientEngineFactory<T>,
        settings: ClientSettings,
        okHttp: OkHttpClient?,
    ): HttpClient {
        val connection = settings.connection
        return HttpClient(factory) {
            engine {
                proxy = connection.proxy
                when (this) {
                    is OkHttpConfig -> {
                        preconfigured = okHttp ?: okHttpClient(settings)
                        // Ktor's own defaults come on top of it, and one of them lets OkHttp resend a turn.
                        config { retryOnConnectionFailure(false) }
                        // Ktor's OkHttp engine reads each response body with blocking reads on this dispatcher, one
                        // thread per open stream: on the shared Dispatchers.IO (64 threads, shared with the rest of
                        // the application) hundreds of streams would wait for each other.
                        dispatcher = Dispatchers.IO.limitedParallelism(connection.maxConnections)
                    }
                    is CIOEngineConfig -> {
                        // CIO's own 15 s request timeout would end long turns; this SDK applies its own timeouts.
                        requestTimeout = 0
                        maxConnectionsCount = connection.maxConnections
                        endpoint.maxConnectionsPerRoute = connection.maxConnections
                        endpoint.connectTimeout = settings.connectTimeout.inWholeMilliseconds
                        require(connection.sslSocketFactory == null && connection.proxyCredentials == null) {
                            "sslSocketFactory and proxy credentials need the OkHttp engine (the default); CIO takes trustManager"
                        }
                        connection.trustManager?.let { https { trustManager = it } }
                    }
                    else -> require(connection.sslSocketFactory == null && connection.trustManager == null && connection.proxyCredentials == null) {
                        "TLS settings and proxy credentials need the OkHttp engine (the default) or CIO"
                    }
                }
            }
            configure(settings)
        }
    }

    private fun OkHttpClient.Builder.configure(connection: ConnectionSettings) {
        // OkHttp's dispatcher runs 5 calls per host by default and queues the rest: 200 streams through one client
        // must all start at once.
        dispatcher(Dispatcher().apply {
            maxRequests = connection.maxConnections
            maxRequestsPerHost = connection.maxConnections
        })
        connectionPool(ConnectionPool(connection.maxIdleConnections, connection.keepAlive.inWholeMilliseconds, TimeUnit.MILLISECONDS))
        // A turn must not be transparently resent by OkHttp itself: the SDK's retry rules decide.
        retryOnConnectionFailure(false)
        connection.trustManager?.let { trustManager ->
            sslSocketFactory(connection.sslSocketFactory ?: socketFactoryTrusting(trustManager), trustManager)
        }
        connection.proxyCredentials?.let { (user, password) ->
            proxyAuthenticator { _, response ->
                // One answer to a 407; a second means the credentials are wrong, and asking again would loop.
                if (response.request.header("Proxy-Authorization") != null) null
                else response.request.newBuilder().header("Proxy-Authorization", Credentials.basic(user, password)).build()
            }
        }
        ResponseLeaks.install(this)
    }

    private fun socketFactoryTrusting(trustManager: X509TrustManager): SSLSocketFactory =
        SSLContext.getInstance("TLS").apply { init(null, arrayOf(trustManager), null) }.socketFactory

    private fun HttpClientConfig<*>.configure(settings: ClientSettings) {
        // Error statuses are mapped by the SDK; a redirect means a wrong base URL, and following it could carry
        // the key elsewhere.
        expectSuccess = false
        followRedirects = false
        install(HttpTimeout) {
            connectTimeoutMillis = settings.connectTimeout.inWholeMilliseconds
            // No socket or request timeout: a stream is bounded by its idle timeout, any other call by the
            // request timeout, both applied by the SDK (engines such as OkHttp default to a 10 s read timeout).
            socketTimeoutMillis = HttpTimeoutConfig.INFINITE_TIMEOUT_MS
        }
    }
}

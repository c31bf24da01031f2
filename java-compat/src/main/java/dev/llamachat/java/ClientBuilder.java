package dev.llamachat.java;

import dev.llamachat.java.internal.ClientSettings;
import dev.llamachat.ktor.LogLevel;
import java.net.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Configures a client; get one from {@link LlamaCloudChatClient#builder()} (blocking) or
 * {@link LlamaCloudChatClientAsync#builder()} (futures and publishers). Unset values take the transport's documented
 * defaults (base URL {@code https://api.cloud.llamaindex.ai}, 2 retries, ...). Not thread-safe.
 *
 * <pre>{@code
 * LlamaCloudChatClient client = LlamaCloudChatClient.builder()
 *     .apiKey(System.getenv("LLAMA_CLOUD_API_KEY"))
 *     .requestTimeout(Duration.ofSeconds(30))
 *     .maxRetries(3)
 *     .build();
 * }</pre>
 *
 * @param <C> the client it builds: {@link LlamaCloudChatClient} or {@link LlamaCloudChatClientAsync}
 */
public final class ClientBuilder<C> {
    private final ClientSettings settings = new ClientSettings();
    private final Function<ClientSettings, C> factory;

    ClientBuilder(Function<ClientSettings, C> factory) {
        this.factory = factory;
    }

    /**
     * Reads {@code LLAMA_CLOUD_API_KEY} (else {@code LLAMA_PARSE_API_KEY}) and {@code LLAMA_CLOUD_BASE_URL} from the
     * environment; values set on this builder win over them.
     */
    public ClientBuilder<C> fromEnv() {
        settings.setLoadEnvironment(true);
        return this;
    }

    /** The API key, sent as a bearer token. It never appears in any message, log or {@code toString}. */
    public ClientBuilder<C> apiKey(String apiKey) {
        settings.setApiKey(Objects.requireNonNull(apiKey, "apiKey"));
        return this;
    }

    /** The service's base URL, for example {@code https://api.cloud.eu.llamaindex.ai}. */
    public ClientBuilder<C> baseUrl(String baseUrl) {
        settings.setBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
        return this;
    }

    /** The organization (a UUID) calls use unless they name one; null for the key's default. */
    public ClientBuilder<C> organizationId(String organizationId) {
        settings.setOrganizationId(organizationId);
        return this;
    }

    /** The project (a UUID) calls use unless they name one; null for the key's default. */
    public ClientBuilder<C> projectId(String projectId) {
        settings.setProjectId(projectId);
        return this;
    }

    /** How long connecting may take. */
    public ClientBuilder<C> connectTimeout(Duration timeout) {
        settings.setConnectTimeout(Objects.requireNonNull(timeout, "timeout"));
        return this;
    }

    /** How long an ordinary (non-streaming) call may take, retries aside. */
    public ClientBuilder<C> requestTimeout(Duration timeout) {
        settings.setRequestTimeout(Objects.requireNonNull(timeout, "timeout"));
        return this;
    }

    /** How long a chat turn's stream may stay silent (not even a keep-alive) before it fails. */
    public ClientBuilder<C> streamIdleTimeout(Duration timeout) {
        settings.setStreamIdleTimeout(Objects.requireNonNull(timeout, "timeout"));
        return this;
    }

    /** How many times a failed call is retried (0 turns retries off). */
    public ClientBuilder<C> maxRetries(int maxRetries) {
        settings.setMaxRetries(maxRetries);
        return this;
    }

    /** Adds a header sent with every request (replacing an earlier value of the same name). */
    public ClientBuilder<C> putDefaultHeader(String name, String value) {
        settings.getDefaultHeaders().put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Replaces all headers sent with every request. */
    public ClientBuilder<C> defaultHeaders(Map<String, String> headers) {
        settings.getDefaultHeaders().clear();
        headers.forEach(this::putDefaultHeader);
        return this;
    }

    /** Allows a plain {@code http://} base URL on a host other than loopback (never send a real key that way). */
    public ClientBuilder<C> allowInsecureHttp(boolean allow) {
        settings.setAllowInsecureHttp(allow);
        return this;
    }

    /** The largest single stream event accepted, in bytes; a larger one fails the turn. */
    public ClientBuilder<C> maxEventBytes(int maxEventBytes) {
        settings.setMaxEventBytes(maxEventBytes);
        return this;
    }

    /**
     * Whether streams leave out a turn's final whole-answer events; by default they are delivered. A turn ends
     * with a {@code text} event that repeats its whole answer after the {@code text_delta}s that carried it (and a
     * {@code thinking} event that repeats the {@code thinking_delta}s). With {@code skipFinalText(true)} those two
     * events are not delivered: they are dropped as they are read, never held in memory nor counted against
     * {@link #maxEventBytes(int)}, so a turn with an enormous answer streams in a small heap. Everything else is
     * delivered as usual, and the {@code ChatTurn} a blocking turn returns still has the whole answer, joined from
     * the deltas.
     */
    public ClientBuilder<C> skipFinalText(boolean skip) {
        settings.setSkipFinalText(skip);
        return this;
    }

    /**
     * The HTTP or SOCKS proxy every connection goes through, for example
     * {@code new Proxy(Proxy.Type.HTTP, new InetSocketAddress("proxy.example.com", 3128))}; by default none.
     */
    public ClientBuilder<C> proxy(Proxy proxy) {
        settings.setProxy(Objects.requireNonNull(proxy, "proxy"));
        settings.setProxyUsername(null);
        settings.setProxyPassword(null);
        return this;
    }

    /**
     * A proxy that requires Basic credentials: they are sent to the proxy only, and only once it asks (407). The
     * password never appears in any message, log or {@code toString}.
     */
    public ClientBuilder<C> proxy(Proxy proxy, String username, String password) {
        settings.setProxy(Objects.requireNonNull(proxy, "proxy"));
        settings.setProxyUsername(Objects.requireNonNull(username, "username"));
        settings.setProxyPassword(Objects.requireNonNull(password, "password"));
        return this;
    }

    /**
     * TLS from an {@code SSLContext} (a private CA, client certificates) and the trust manager it was initialized
     * with, which checks the server's certificate chain; by default the JVM's.
     */
    public ClientBuilder<C> tls(SSLContext sslContext, X509TrustManager trustManager) {
        return tls(Objects.requireNonNull(sslContext, "sslContext").getSocketFactory(), trustManager);
    }

    /** TLS from a socket factory and the trust manager it checks the server's certificate chain with. */
    public ClientBuilder<C> tls(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
        settings.setSslSocketFactory(Objects.requireNonNull(socketFactory, "socketFactory"));
        settings.setTrustManager(Objects.requireNonNull(trustManager, "trustManager"));
        return this;
    }

    /** TLS that trusts the certificates this trust manager accepts, with the JVM's socket factory otherwise. */
    public ClientBuilder<C> trustManager(X509TrustManager trustManager) {
        settings.setSslSocketFactory(null);
        settings.setTrustManager(Objects.requireNonNull(trustManager, "trustManager"));
        return this;
    }

    /**
     * The most requests (streams included) run at once, per host and in all; default 1000, so that long-running
     * turns do not queue behind each other.
     */
    public ClientBuilder<C> maxConnections(int maxConnections) {
        settings.setMaxConnections(maxConnections);
        return this;
    }

    /** How many idle connections are kept for reuse; default 32. */
    public ClientBuilder<C> maxIdleConnections(int maxIdleConnections) {
        settings.setMaxIdleConnections(maxIdleConnections);
        return this;
    }

    /** How long an idle connection is kept for reuse; default 5 minutes. */
    public ClientBuilder<C> keepAlive(Duration keepAlive) {
        settings.setKeepAlive(Objects.requireNonNull(keepAlive, "keepAlive"));
        return this;
    }

    /**
     * Which of the SDK's log lines are written to SLF4J (logger {@code dev.llamachat.http}); by default the
     * {@code LLAMA_CLOUD_LOG} environment variable, else {@link LogLevel#OFF}. Lines never contain the API key or
     * any header.
     */
    public ClientBuilder<C> logLevel(LogLevel level) {
        settings.setLogLevel(Objects.requireNonNull(level, "level"));
        return this;
    }

    /**
     * Where the calls' coroutines run, futures complete and subscribers are called; the default is a shared pool
     * for blocking work. It stays the caller's: closing the client does not shut it down.
     *
     * <p>Many streams at once: each subscription decodes its events and calls its subscriber on this executor, and
     * the default pool lets up to 64 of them run at the same time, whatever the number of cores. For hundreds of
     * concurrent publishers whose subscribers do not block, a fixed pool of a few threads per core is faster and
     * steadier. Measured (BENCHMARKS.md, 200 streams on 2 cores): 1.46-1.86 M events/s in all, in six runs, on
     * {@code Executors.newFixedThreadPool(4 * Runtime.getRuntime().availableProcessors())}; 0.58-2.02 M on the
     * default, under 1 M whenever dozens of subscriptions decoded at once. A subscriber (or a future's continuation)
     * that blocks holds one of those few threads, so keep blocking work off it, or keep the default.
     */
    public ClientBuilder<C> executor(Executor executor) {
        settings.setExecutor(Objects.requireNonNull(executor, "executor"));
        return this;
    }

    /**
     * The client. It owns the HTTP client it makes (shared with its {@code sync()}/{@code async()} twin); close it
     * when done.
     *
     * @throws IllegalArgumentException if there is no API key (set neither here nor, with {@link #fromEnv()}, in
     *     the environment), or a value is invalid (a malformed or insecure base URL, a non-UUID id, a negative
     *     timeout or retry count)
     */
    public C build() {
        return factory.apply(settings);
    }
}

package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.LlamaCloudIoException;
import dev.llamachat.ktor.LogLevel;
import dev.llamachat.testkit.LocalLlamaCloud;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder's connection settings (proxy, TLS, pool limits, log level) reach the wire without Ktor types. */
class ConnectionSettingsTest {
    private static final String EMPTY_PAGE = "{\"items\":[],\"next_page_token\":null}";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private static byte[] page() {
        return RawHttpServer.response(200, "application/json", EMPTY_PAGE, "");
    }

    @Test
    void callsGoThroughTheProxyWithBasicCredentialsOnceItAsks() throws Exception {
        try (RawHttpServer proxy = new RawHttpServer(page())) {
            proxy.enqueue(RawHttpServer.response(407, "text/plain", "", "Proxy-Authenticate: Basic realm=\"corp\"\r\n"));
            Proxy address = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()));
            try (LlamaCloudChatClient client = LlamaCloudChatClient.builder()
                .apiKey(TestClients.KEY)
                .baseUrl("http://127.0.0.1:9") // nothing listens there: only the proxy can answer
                .proxy(address, "alice", "s3cret")
                .build()) {
                assertEquals(0, client.listPage().items().size());
            }
            List<String> heads = proxy.requestHeads();
            assertEquals(2, heads.size(), heads.toString());
            assertTrue(heads.get(0).startsWith("GET http://127.0.0.1:9/api/v1/chat HTTP/1.1"), heads.get(0));
            assertFalse(heads.get(0).toLowerCase().contains("proxy-authorization"), heads.get(0));
            String basic = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
            assertTrue(heads.get(1).contains("Proxy-Authorization: Basic " + basic), heads.get(1));
        }
    }

    @Test
    void aServerTheJvmDoesNotTrustIsRefusedAndTheConfiguredTlsAdmitsIt(@TempDir File dir) throws Exception {
        KeyStore keyStore = selfSignedKeyStore(dir);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        X509TrustManager trustManager = (X509TrustManager) trust.getTrustManagers()[0];
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, new TrustManager[] {trustManager}, null);

        try (RawHttpServer server = new RawHttpServer(
            serverContext.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()), "https", page())) {
            try (LlamaCloudChatClient untrusting = LlamaCloudChatClient.builder()
                .apiKey(TestClients.KEY).baseUrl(server.baseUrl()).maxRetries(0).build()) {
                assertThrows(LlamaCloudIoException.class, untrusting::listPage);
            }
            try (LlamaCloudChatClient trusting = LlamaCloudChatClient.builder()
                .apiKey(TestClients.KEY).baseUrl(server.baseUrl()).tls(clientContext, trustManager).build()) {
                assertEquals(0, trusting.listPage().items().size());
            }
            try (LlamaCloudChatClientAsync trusting = LlamaCloudChatClientAsync.builder()
                .apiKey(TestClients.KEY).baseUrl(server.baseUrl()).trustManager(trustManager).build()) {
                assertEquals(0, trusting.listPage().join().items().size());
            }
        }
    }

    @Test
    void poolLimitsAreAcceptedAndInvalidOnesRefusedBeforeAnyRequest() {
        try (LocalLlamaCloud server = LocalLlamaCloud.builder().apiKey(TestClients.KEY).start()) {
            try (LlamaCloudChatClient client = TestClients.builder(server)
                .maxConnections(4).maxIdleConnections(2).keepAlive(Duration.ofSeconds(30)).build()) {
                String id = client.create().sessionId();
                assertEquals(id, client.summary(id).sessionId());
            }
            server.clearRequests();
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> TestClients.builder(server).maxConnections(0).build());
            assertTrue(bad.getMessage().contains("maxConnections"), bad.getMessage());
            assertEquals(0, server.getRequests().size());
        }
    }

    @Test
    void theLogLevelDecidesWhatReachesSlf4j() {
        try (LocalLlamaCloud server = LocalLlamaCloud.builder().apiKey(TestClients.KEY).start()) {
            List<String> debug = captured(() -> {
                try (LlamaCloudChatClient client = TestClients.builder(server).logLevel(LogLevel.DEBUG).build()) {
                    client.listPage();
                }
            });
            assertEquals(2, debug.size(), debug.toString());
            assertEquals("--> GET /api/v1/chat", debug.get(0));
            assertTrue(debug.get(1).startsWith("<-- 200 GET /api/v1/chat"), debug.get(1));
            for (String line : debug) assertFalse(line.contains(TestClients.KEY), line);

            List<String> off = captured(() -> {
                try (LlamaCloudChatClient client = TestClients.builder(server).logLevel(LogLevel.OFF).build()) {
                    client.listPage();
                }
            });
            assertEquals(List.of(), off);
        }
    }

    /** The messages that reach the java.util.logging logger {@code dev.llamachat.http} (SLF4J's jdk14 binding). */
    private static List<String> captured(Runnable block) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.llamachat.http");
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        try {
            block.run();
        } finally {
            logger.removeHandler(handler);
        }
        return lines;
    }

    /** A PKCS12 key store with a fresh self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
    private static KeyStore selfSignedKeyStore(File dir) throws Exception {
        File file = new File(dir, "server.p12");
        String keytool = new File(System.getProperty("java.home"), "bin/keytool").getPath();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
            "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
            "-keystore", file.getPath(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
            "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) throw new IllegalStateException("keytool failed: " + output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}

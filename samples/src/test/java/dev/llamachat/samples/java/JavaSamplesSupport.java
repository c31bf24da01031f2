package dev.llamachat.samples.java;

import dev.llamachat.java.LlamaCloudChatClient;
import dev.llamachat.java.LlamaCloudChatClientAsync;
import dev.llamachat.testkit.LocalLlamaCloud;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A local server, a Java client on it (blocking, and its asynchronous twin), and an output the test reads back. */
final class JavaSamplesSupport implements AutoCloseable {
    final LocalLlamaCloud server = LocalLlamaCloud.start();
    final LlamaCloudChatClient client = LlamaCloudChatClient.builder().apiKey("test-key").baseUrl(server.getBaseUrl()).build();
    final LlamaCloudChatClientAsync async = client.async();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String output() {
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}

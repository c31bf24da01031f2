package dev.llamachat.samples.java;

import dev.llamachat.java.LlamaCloudChatAsync;
import dev.llamachat.testkit.LocalLlamaCloud;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A local server, a Java client on it, and an output the test reads back. */
final class JavaSamplesSupport implements AutoCloseable {
    final LocalLlamaCloud server = LocalLlamaCloud.start();
    final LlamaCloudChatAsync chat = LlamaCloudChatAsync.builder().apiKey("test-key").baseUrl(server.getBaseUrl()).build();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String output() {
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        chat.close();
        server.close();
    }
}

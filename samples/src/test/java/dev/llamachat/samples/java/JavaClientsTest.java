package dev.llamachat.samples.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.llamachat.java.LlamaCloudChatAsync;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;

class JavaClientsTest {
    @Test
    void aConfiguredClientSendsItsKeyAndHeaders() {
        try (LocalLlamaCloud server = LocalLlamaCloud.builder().apiKey("sk-java-config").start();
             LlamaCloudChatAsync chat = JavaClients.configured("sk-java-config", server.getBaseUrl())) {
            assertEquals(0, chat.listPage().join().items().size());
            RecordedRequest list = server.getRequests().get(0);
            assertEquals(Endpoint.LIST, list.getEndpoint());
            assertEquals("Bearer sk-java-config", list.header("authorization"));
            assertEquals("llamachat-samples", list.header("x-request-source"));
            assertFalse(chat.toString().contains("sk-java-config"));
        }
    }

    @Test
    void fromEnvReadsTheVariablesTheTestsSetInThePom() {
        try (LlamaCloudChatAsync chat = JavaClients.fromEnvironment()) {
            assertFalse(chat.toString().contains(System.getenv("LLAMA_CLOUD_API_KEY")));
        }
    }
}

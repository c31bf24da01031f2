package dev.llamachat.java;

import dev.llamachat.SessionSummary;
import dev.llamachat.testkit.LocalLlamaCloud;
import java.util.UUID;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (for java.util.concurrent.Flow) on the session listing's publisher,
 * {@code chat.listAll(...)}, backed by testkit: a publisher of n sessions lists a fresh project holding n
 * sessions, in pages of 3 so that demand crosses page boundaries. The failing publisher lists with a wrong key (401).
 */
public class SessionPublisherTckTest extends FlowPublisherVerification<SessionSummary> {
    private static final int PAGE_SIZE = 3;

    private LocalLlamaCloud server;
    private LlamaCloudChatClientAsync chat;
    private LlamaCloudChatClientAsync wrongKey;

    public SessionPublisherTckTest() {
        super(TestClients.tckEnvironment(10_000), 1_000);
    }

    @BeforeClass
    public void startServer() {
        server = LocalLlamaCloud.builder().apiKey(TestClients.KEY).start();
        chat = TestClients.asyncClient(server);
        wrongKey = TestClients.asyncBuilder(server).apiKey("sk-wrong").build();
    }

    @AfterClass
    public void stopServer() {
        chat.close();
        wrongKey.close();
        server.close();
    }

    @Override
    public Flow.Publisher<SessionSummary> createFlowPublisher(long elements) {
        String project = UUID.randomUUID().toString();
        for (long i = 0; i < elements; i++) chat.create(CreateSessionParams.builder().projectId(project).build()).join();
        return chat.listAll(ListParams.builder().pageSize(PAGE_SIZE).projectId(project).build());
    }

    @Override
    public Flow.Publisher<SessionSummary> createFailedFlowPublisher() {
        return wrongKey.listAll();
    }

    /** Enough for every TCK test but the one that needs Integer.MAX_VALUE sessions. */
    @Override
    public long maxElementsFromPublisher() {
        return 64;
    }
}

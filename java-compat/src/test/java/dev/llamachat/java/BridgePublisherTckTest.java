package dev.llamachat.java;

import dev.llamachat.java.internal.CoroutineBridge;
import java.util.concurrent.Flow;
import kotlin.ranges.LongRange;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.flow.FlowKt;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK on the publisher adapter itself (kotlinx's flowPublish with the close hand-off, exactly
 * as the client composes it) over an in-memory flow of numbers, so that the tests the HTTP-backed
 * publishers cannot feed (an empty stream, Integer.MAX_VALUE elements, several subscribers) run too. The timeout
 * allows for a busy machine: rule 3.9's onError comes once the collecting coroutine has finished.
 */
public class BridgePublisherTckTest extends FlowPublisherVerification<Long> {
    private final CoroutineBridge bridge = new CoroutineBridge(Dispatchers.getIO());

    public BridgePublisherTckTest() {
        super(TestClients.tckEnvironment(5_000), 1_000);
    }

    @AfterClass
    public void closeBridge() {
        bridge.close();
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return bridge.publisher(FlowKt.asFlow(new LongRange(1, elements)));
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return bridge.publisher(FlowKt.<Long>flow((collector, continuation) -> {
            throw new IllegalStateException("this publisher fails");
        }));
    }
}

package dev.llamachat.reliability;

import dev.llamachat.java.LlamaCloudChatClientAsync;
import dev.llamachat.java.StreamParams;
import dev.llamachat.ktor.LlamaCloudChat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** What a Java caller sees of a client and its failures, for the secret scan: built the Java way. */
final class JavaSecretCases {
    private JavaSecretCases() {
    }

    /** toString of a built and a wrapped Java client, and a failed future's and a failed publisher's full text. */
    static List<String> texts(LlamaCloudChat wrapped, String baseUrl) throws InterruptedException {
        List<String> texts = new ArrayList<>();
        try (LlamaCloudChatClientAsync built = LlamaCloudChatClientAsync.builder().apiKey(TestClientsKt.CANARY_KEY).baseUrl(baseUrl).maxRetries(0).build()) {
            texts.add(built.toString());
            try {
                built.summary("ses-1").join();
            } catch (CompletionException e) {
                texts.add(render(e));
            }
        }
        try (LlamaCloudChatClientAsync async = LlamaCloudChatClientAsync.wrap(wrapped)) {
            texts.add(async.toString());
            AtomicReference<Throwable> error = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            async.stream("ses-1", StreamParams.builder().prompt("hi").addIndexId("idx-demo").build()).subscribe(new Flow.Subscriber<>() {
                @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
                @Override public void onNext(dev.llamachat.ChatEvent item) { }
                @Override public void onError(Throwable t) { error.set(t); done.countDown(); }
                @Override public void onComplete() { done.countDown(); }
            });
            if (!done.await(TestClientsKt.HANG_GUARD_SECONDS, TimeUnit.SECONDS)) throw new AssertionError("the publisher hung");
            if (error.get() == null) throw new AssertionError("the stream succeeded");
            texts.add(render(error.get()));
        }
        return texts;
    }

    private static String render(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return t + "\n" + out;
    }
}

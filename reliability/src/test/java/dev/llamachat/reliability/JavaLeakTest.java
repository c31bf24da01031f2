package dev.llamachat.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamachat.ChatEvent;
import dev.llamachat.java.CreateSessionParams;
import dev.llamachat.java.EventStream;
import dev.llamachat.java.LlamaCloudChatClientAsync;
import dev.llamachat.java.StreamParams;
import dev.llamachat.ktor.LlamaCloudChat;
import dev.llamachat.testkit.LocalLlamaCloud;
import io.ktor.client.engine.HttpClientEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The Java half of the leak check: 500 turns through the {@link Flow.Publisher} and 500 through the blocking
 * {@link EventStream}, 32 at a time, each cancelled (or closed) before its first byte (once the server, holding its
 * answer back, has the whole request: see {@link HeldStreams}), after some events, or while its consumer is slow.
 * Each turn has a session of its own, so none waits for an earlier turn to let go of it. The client runs on the
 * OkHttp engine (LeakSpec covers CIO, the default). Afterwards the server has no open stream or running turn, the
 * client holds no connection, and the JVM has no thread more than before and none busy.
 */
class JavaLeakTest {
    // Each API's three cancel points some 170 times over, 32 turns at once: one leaking turn is enough to show.
    private static final int PER_API = 500;
    private static final int CONCURRENCY = 32;
    private static final int BENCH_EVENTS = 200;
    private static final String INDEX = LocalLlamaCloud.DEMO_INDEX;

    enum Api { PUBLISHER, BLOCKING }

    enum Point { BEFORE_FIRST_BYTE, MID_STREAM, SLOW_CONSUMER }

    @Test
    void publisherAndBlockingStreamsCancelledAtRandomPointsLeakNothing() throws Exception {
        try (LocalLlamaCloud server = LocalLlamaCloud.builder().apiKey(TestClientsKt.CANARY_KEY).start()) {
            HttpClientEngine engine = TestClientsKt.okHttpEngine();
            LlamaCloudChat kotlinChat = TestClientsKt.javaTestChat(server.getBaseUrl(), engine);
            try (engine; kotlinChat; LlamaCloudChatClientAsync chat = LlamaCloudChatClientAsync.wrap(kotlinChat)) {
                HeldStreams held = new HeldStreams(server);
                LeakBaseline baseline = LeakBaseline.takeBlocking(server, () -> run(chat, held, 100, 1));
                long started = System.nanoTime();
                Result result = run(chat, held, PER_API, 2);
                long elapsed = (System.nanoTime() - started) / 1_000_000;
                // OkHttp keeps up to five idle connections for reuse: closing the client releases them, and any other
                // connection still open then is a leak.
                chat.close();
                kotlinChat.close();
                engine.close();
                LeakBaseline.Report leaks = LeakBaseline.check(baseline, server);
                System.out.println("LEAK (Java Publisher + EventStream): " + 2 * PER_API + " streams cancelled in " + elapsed + " ms "
                    + result.counts + "; unexpected endings: " + result.unexpected.size() + "; " + leaks);
                assertEquals(List.of(), result.unexpected);
                assertEquals(List.of(), leaks.getProblems());
            }
        }
    }

    private static final class Result {
        final Map<Api, Map<Point, Integer>> counts = new EnumMap<>(Api.class);
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    }

    /** [perApi] streams through each API, cancelled where a seeded random says; what did not end as it must. */
    private static Result run(LlamaCloudChatClientAsync chat, HeldStreams held, int perApi, long seed) {
        Random random = new Random(seed);
        Result result = new Result();
        for (Api api : Api.values()) result.counts.put(api, new EnumMap<>(Point.class));
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 2 * perApi; i++) {
                Api api = i % 2 == 0 ? Api.PUBLISHER : Api.BLOCKING;
                Point point = Point.values()[random.nextInt(Point.values().length)];
                int cutAt = 1 + random.nextInt(BENCH_EVENTS - 1);
                result.counts.get(api).merge(point, 1, Integer::sum);
                int n = i;
                tasks.add(pool.submit(() -> {
                    String session = chat.create(CreateSessionParams.builder().addIndexId(INDEX).build()).join().sessionId();
                    String problem = api == Api.PUBLISHER ? viaPublisher(chat, held, session, point, cutAt) : viaBlocking(chat, held, session, point, cutAt);
                    if (problem != null) result.unexpected.add("stream " + n + " (" + api + ", " + point + "): " + problem);
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                try {
                    task.get(TestClientsKt.HANG_GUARD_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    result.unexpected.add("a stream hung or failed: " + e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return result;
    }

    private static StreamParams params() {
        return StreamParams.builder().prompt("bench:" + BENCH_EVENTS).addIndexId(INDEX).build();
    }

    /** One turn through the publisher; null if it ended as a cancelled subscription must. */
    private static String viaPublisher(LlamaCloudChatClientAsync chat, HeldStreams held, String session, Point point, int cutAt)
            throws Exception {
        CompletableFuture<Void> arrived = point == Point.BEFORE_FIRST_BYTE ? held.hold(session) : null;
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicInteger received = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        int stopAfter = point == Point.SLOW_CONSUMER ? cutAt % 8 + 1 : cutAt;
        chat.stream(session, params()).subscribe(new Flow.Subscriber<ChatEvent>() {
            @Override public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
                s.request(point == Point.BEFORE_FIRST_BYTE ? Long.MAX_VALUE : 1);
            }

            @Override public void onNext(ChatEvent event) {
                int count = received.incrementAndGet();
                if (point == Point.BEFORE_FIRST_BYTE) return;
                if (point == Point.SLOW_CONSUMER && event instanceof ChatEvent.TextDelta) pause(1);
                if (count == stopAfter) {
                    subscription.get().cancel();
                    done.countDown();
                } else {
                    subscription.get().request(1);
                }
            }

            @Override public void onError(Throwable t) {
                error.set(t);
                done.countDown();
            }

            @Override public void onComplete() {
                done.countDown();
            }
        });
        if (point == Point.BEFORE_FIRST_BYTE) {
            arrived.get(TestClientsKt.HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            subscription.get().cancel();
            // A cancelled subscription may signal nothing more (Reactive Streams rule 1.8): nothing to wait for.
            return error.get() == null ? null : "onError(" + error.get() + ")";
        }
        if (!done.await(TestClientsKt.HANG_GUARD_SECONDS, TimeUnit.SECONDS)) return "hung after " + received.get() + " events";
        if (error.get() != null) return "onError(" + error.get() + ") after " + received.get() + " events";
        return received.get() == stopAfter ? null : "got " + received.get() + " events, cancelled after " + stopAfter;
    }

    /** One turn through the blocking stream; null if closing it early ended it quietly. */
    private static String viaBlocking(LlamaCloudChatClientAsync chat, HeldStreams held, String session, Point point, int cutAt) throws Exception {
        CompletableFuture<Void> arrived = point == Point.BEFORE_FIRST_BYTE ? held.hold(session) : null;
        int read = 0;
        try (EventStream events = chat.sync().stream(session, params())) {
            if (point == Point.BEFORE_FIRST_BYTE) {
                arrived.get(TestClientsKt.HANG_GUARD_SECONDS, TimeUnit.SECONDS);
                return null; // closed unread
            }
            int stopAfter = point == Point.SLOW_CONSUMER ? cutAt % 8 + 1 : cutAt;
            Iterator<ChatEvent> iterator = events.iterator();
            while (read < stopAfter && iterator.hasNext()) {
                ChatEvent event = iterator.next();
                read++;
                if (point == Point.SLOW_CONSUMER && event instanceof ChatEvent.TextDelta) pause(1);
            }
            return read == stopAfter ? null : "the turn ended after " + read + " events, before " + stopAfter;
        } catch (RuntimeException e) {
            return "threw " + e + " after " + read + " events";
        }
    }

    /** A consumer's own pace (or the moment it gives up), not a wait for something that could be awaited. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

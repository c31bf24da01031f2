package dev.llamachat.java;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Flow.Subscriber for tests: requests nothing by itself, records every signal, and lets the test await items
 * and the terminal signal. Records the threads it was called on and whether any signal overlapped another.
 */
final class RecordingSubscriber<T> implements Flow.Subscriber<T> {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<T> items = new LinkedBlockingQueue<>();
    private final List<T> all = new ArrayList<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final AtomicInteger terminalSignals = new AtomicInteger();
    private final AtomicInteger inSignal = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger signalsAfterTerminal = new AtomicInteger();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    private volatile Flow.Subscription subscription;
    private volatile boolean completed;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscribed.countDown();
    }

    @Override
    public void onNext(T item) {
        enter();
        try {
            if (terminated.getCount() == 0) signalsAfterTerminal.incrementAndGet();
            synchronized (all) {
                all.add(item);
            }
            items.add(item);
        } finally {
            leave();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        enter();
        try {
            if (terminalSignals.incrementAndGet() > 1) signalsAfterTerminal.incrementAndGet();
            error.compareAndSet(null, throwable);
            terminated.countDown();
        } finally {
            leave();
        }
    }

    @Override
    public void onComplete() {
        enter();
        try {
            if (terminalSignals.incrementAndGet() > 1) signalsAfterTerminal.incrementAndGet();
            completed = true;
            terminated.countDown();
        } finally {
            leave();
        }
    }

    private void enter() {
        threads.add(Thread.currentThread().getName());
        if (inSignal.incrementAndGet() != 1) overlaps.incrementAndGet();
    }

    private void leave() {
        inSignal.decrementAndGet();
    }

    Flow.Subscription subscription() throws InterruptedException {
        if (!subscribed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) throw new AssertionError("no onSubscribe");
        return subscription;
    }

    void request(long n) throws InterruptedException {
        subscription().request(n);
    }

    void cancel() throws InterruptedException {
        subscription().cancel();
    }

    /** The next item, failing the test if none arrives in time. */
    T awaitItem() throws InterruptedException {
        T item = items.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) throw new AssertionError("no item arrived; error: " + error.get() + ", completed: " + completed);
        return item;
    }

    /** The next item if one arrives within [wait], else null. Used only to check that nothing more arrives. */
    T pollItem(Duration wait) throws InterruptedException {
        return items.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for onComplete or onError. */
    void awaitTerminal() throws InterruptedException {
        if (!terminated.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no terminal signal after " + received() + " items");
        }
    }

    /** Waits for onError and returns its throwable, failing if the publisher completed instead. */
    Throwable awaitError() throws InterruptedException {
        awaitTerminal();
        if (error.get() == null) throw new AssertionError("completed normally after " + received() + " items, expected an error");
        return error.get();
    }

    /** Waits for onComplete, failing (with the cause) if the publisher signalled an error. */
    void awaitCompletion() throws InterruptedException {
        awaitTerminal();
        if (error.get() != null) throw new AssertionError("failed instead of completing", error.get());
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    List<T> received() {
        synchronized (all) {
            return new ArrayList<>(all);
        }
    }

    /** Signals that overlapped another signal (rule 1.3 forbids any). */
    int overlaps() {
        return overlaps.get();
    }

    /** Signals after the first terminal one (rule 1.7 forbids any). */
    int signalsAfterTerminal() {
        return signalsAfterTerminal.get();
    }
}

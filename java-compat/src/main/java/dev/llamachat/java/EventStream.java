package dev.llamachat.java;

import dev.llamachat.ChatEvent;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * One chat turn's events for blocking code: iterate it, or take it as a {@link Stream}. The turn starts when the
 * stream is created; the iterator blocks until the next event arrives. At most a small number of events are
 * buffered ahead of the reader, so a slow reader slows the read of the response instead of filling memory.
 *
 * <p>Close it when done (try-with-resources): closing before the turn's end closes the HTTP connection at once.
 * A failure of the turn is thrown by the iterator as itself (for example a {@code NotFoundException} or a
 * {@code StreamEndedBeforeStopException}), not wrapped. Interrupting a blocked reader closes the stream and
 * throws {@link java.util.concurrent.CancellationException}, with the interrupt flag set again.
 *
 * <pre>{@code
 * try (EventStream events = client.stream(sessionId, StreamParams.builder().prompt("What changed in Q3?").build())) {
 *     for (ChatEvent event : events) {
 *         if (event instanceof ChatEvent.TextDelta) System.out.print(((ChatEvent.TextDelta) event).content());
 *     }
 * }
 * }</pre>
 *
 * An event stream is read once: a second {@link #iterator()} or {@link #stream()} throws
 * {@link IllegalStateException}. Declared in Java so that no Kotlin marker interface shows in its type.
 */
public interface EventStream extends Iterable<ChatEvent>, AutoCloseable {
    /**
     * The events, each blocking until it arrives. After {@link #close()} the iteration ends.
     *
     * @throws IllegalStateException if the events were already iterated
     */
    @Override
    Iterator<ChatEvent> iterator();

    /**
     * The events as a sequential, ordered stream; closing the stream closes this {@code EventStream}.
     *
     * @throws IllegalStateException if the events were already iterated
     */
    Stream<ChatEvent> stream();

    /** Stops the turn if it is still running and closes its connection. Idempotent; never throws. */
    @Override
    void close();
}

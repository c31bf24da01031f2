package dev.llamachat.java;

import dev.llamachat.ChatEvent;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * One chat turn's events for blocking code: iterate it, or take it as a {@link Stream}. The turn starts when the
 * stream is created; the iterator blocks until the next event arrives. At most a small number of events are
 * buffered ahead of the reader, so a slow reader slows the read of the response instead of filling memory.
 *
 * <p>Close it when done (try-with-resources): closing before the turn's {@code stop} closes the HTTP connection at
 * once; closing after it lets the response end (see {@link #close()}).
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

    /**
     * Before the turn's {@code stop} event arrived: stops the turn and closes its connection at once. After it (the
     * turn is complete, read or not): waits while the rest of the response is read, normally only its end and for at
     * most 100 ms, as a Kotlin {@code Flow} collected to its end does, so that the connection serves the next call
     * and the service has ended the turn before the next one on the session starts. Idempotent; never throws.
     */
    @Override
    void close();
}

package dev.llamachat.java;

import dev.llamachat.SessionSummary;
import java.util.stream.Stream;

/**
 * Every session of a listing, for blocking code, most recently updated first. Pages are fetched lazily: the
 * first when iteration starts, each next one only when the previous page has been read to its end. Each
 * {@link #iterator()} (and each {@link #stream()}) starts again at the listing's first page.
 *
 * <p>A failed page request is thrown by the iterator as itself (for example an {@code UnauthorizedException}).
 * Interrupting a thread blocked on a page cancels the request and throws
 * {@link java.util.concurrent.CancellationException}, with the interrupt flag set again.
 *
 * <pre>{@code
 * for (SessionSummary s : chat.listAll()) {
 *     System.out.println(s.sessionId() + " " + s.generatedTitle().orElse("(untitled)"));
 * }
 * long titled = chat.listAll().stream().filter(s -> s.generatedTitle().isPresent()).count();
 * }</pre>
 *
 * Declared in Java so that no Kotlin marker interface shows in its type.
 */
public interface SessionIterable extends Iterable<SessionSummary> {
    /** The sessions as a sequential, ordered stream, paging lazily like {@link #iterator()}. */
    Stream<SessionSummary> stream();
}

package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.BadRequestException;
import dev.llamachat.SessionSummary;
import dev.llamachat.UnauthorizedException;
import dev.llamachat.testkit.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole listing: a lazily paging Iterable/Stream for blocking code and a Publisher, counted in list requests. */
class SessionListingTest extends LoopbackTest {
    private static final int SESSIONS = 7;
    private static final int PAGE = 3;
    private static String project;
    private static List<String> newestFirst;

    @BeforeAll
    static void createSessions() {
        project = UUID.randomUUID().toString();
        newestFirst = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            newestFirst.add(0, client.create(CreateSessionParams.builder().projectId(project).build()).sessionId());
        }
    }

    private static ListParams pages() {
        return ListParams.builder().pageSize(PAGE).projectId(project).build();
    }

    private static long listRequests() {
        return TestClients.count(server, Endpoint.LIST);
    }

    private static List<String> ids(List<SessionSummary> sessions) {
        return sessions.stream().map(SessionSummary::sessionId).collect(Collectors.toList());
    }

    @Test
    void iteratesEverySessionNewestFirst() {
        List<String> listed = new ArrayList<>();
        for (SessionSummary session : client.listAll(pages())) listed.add(session.sessionId());
        assertEquals(newestFirst, listed);
        assertEquals(3, listRequests(), "7 sessions in pages of 3");
    }

    @Test
    void fetchesAPageOnlyWhenTheReaderNeedsIt() {
        SessionIterable sessions = client.listAll(pages());
        Iterator<SessionSummary> iterator = sessions.iterator();
        assertEquals(0, listRequests(), "nothing is fetched before the first hasNext()");
        for (int i = 0; i < PAGE; i++) iterator.next();
        assertEquals(1, listRequests(), "the first page serves the first three");
        assertTrue(iterator.hasNext());
        assertEquals(2, listRequests(), "the second page is fetched when the first is used up");
        for (int i = PAGE; i < SESSIONS; i++) iterator.next();
        assertEquals(3, listRequests());
        assertFalse(iterator.hasNext());
        assertEquals(3, listRequests(), "no request after the last page");
    }

    @Test
    void aLimitedStreamFetchesOnlyThePagesItReads() {
        List<SessionSummary> firstFour = client.listAll(pages()).stream().limit(4).collect(Collectors.toList());
        assertEquals(newestFirst.subList(0, 4), ids(firstFour));
        assertEquals(2, listRequests());
    }

    @Test
    void eachIterationStartsAtTheFirstPage() {
        SessionIterable sessions = client.listAll(pages());
        assertEquals(SESSIONS, sessions.stream().count());
        assertEquals(SESSIONS, sessions.stream().count());
        assertEquals(6, listRequests());
    }

    @Test
    void startsFromAGivenPageToken() {
        String token = client.listPage(pages()).nextPageToken().orElseThrow();
        List<SessionSummary> rest = client.listAll(pages().toBuilder().pageToken(token).build()).stream().collect(Collectors.toList());
        assertEquals(newestFirst.subList(PAGE, SESSIONS), ids(rest));
    }

    @Test
    void throwsTheTypedExceptionOfAFailedPage() {
        try (LlamaCloudChatClient wrongKey = TestClients.builder(server).apiKey("sk-wrong").build()) {
            Iterator<SessionSummary> iterator = wrongKey.listAll(pages()).iterator();
            UnauthorizedException error = assertThrows(UnauthorizedException.class, iterator::hasNext);
            assertEquals(401, error.status());
            assertFalse(error.getMessage().contains("sk-wrong"), "the key never appears in a message");
        }
        BadRequestException bad = assertThrows(BadRequestException.class,
            () -> client.listAll(pages().toBuilder().pageToken("forged").build()).iterator().hasNext());
        assertEquals(400, bad.status());
    }

    @Test
    void publishesEverySessionFetchingPagesAsDemandNeedsThem() throws Exception {
        RecordingSubscriber<SessionSummary> subscriber = new RecordingSubscriber<>();
        client.async().listAll(pages()).subscribe(subscriber);
        subscriber.request(1);
        assertEquals(newestFirst.get(0), subscriber.awaitItem().sessionId());
        assertNull(subscriber.pollItem(Duration.ofMillis(200)), "no item beyond demand");
        assertEquals(1, listRequests(), "one page for the first item");

        subscriber.request(PAGE);
        for (int i = 0; i < PAGE; i++) subscriber.awaitItem();
        assertEquals(2, listRequests());

        subscriber.request(Long.MAX_VALUE);
        subscriber.awaitCompletion();
        assertEquals(newestFirst, ids(subscriber.received()));
        assertEquals(3, listRequests());
    }

    @Test
    void cancellingThePublisherStopsPaging() throws Exception {
        RecordingSubscriber<SessionSummary> subscriber = new RecordingSubscriber<>();
        client.async().listAll(pages()).subscribe(subscriber);
        subscriber.request(2);
        subscriber.awaitItem();
        subscriber.awaitItem();
        subscriber.cancel();
        assertNull(subscriber.pollItem(Duration.ofMillis(200)));
        assertEquals(1, listRequests());
        assertFalse(subscriber.isTerminated());
    }

    @Test
    void thePublisherSignalsAFailedPageThroughOnError() throws Exception {
        try (LlamaCloudChatClientAsync wrongKey = TestClients.asyncBuilder(server).apiKey("sk-wrong").build()) {
            RecordingSubscriber<SessionSummary> subscriber = new RecordingSubscriber<>();
            wrongKey.listAll(pages()).subscribe(subscriber);
            assertInstanceOf(UnauthorizedException.class, subscriber.awaitError());
        }
    }
}

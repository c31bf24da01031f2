package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.llamachat.ChatEvent;
import dev.llamachat.ChatTurn;
import dev.llamachat.ImageAttachment;
import dev.llamachat.JobMetadata;
import dev.llamachat.Page;
import dev.llamachat.Session;
import dev.llamachat.SessionSummary;
import dev.llamachat.Usage;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.ScriptedResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Fields the SDK does not know, and optional fields the server left out, as a Java caller reads them after a
 * loopback call: the first through {@code additionalProperties()} as plain Java values, the second as empty
 * optionals, never as 0 or false.
 */
class UnknownAndAbsentFieldsTest extends LoopbackTest {
    /** A session as a newer service might send it: unknown fields on it, its job metadata and an event; an unknown event. */
    private static final String SESSION = EveryEventTurn.json("{'session_id':'ses-new','last_updated_at':'2026-04-22T12:34:41.342245',"
        + "'generated_title':null,'index_ids':['idx-demo'],"
        + "'job_metadata':{'turns':2,'is_error':false,'cost':{'usd':0.0123},'region':'eu'},"
        + "'events':[{'type':'user_input','content':'hi','client':'web'},{'type':'text','content':'hello'},{'type':'feedback','rating':5},"
        + "{'type':'stop','error':null,'is_error':false,'usage':{}}],"
        + "'owner':'team-a','labels':['x',1,true,null],'archived':false}");

    /**
     * A page with a field the SDK does not know, whose first summary has unknown fields and whose second has nothing
     * but its two required fields.
     */
    private static final String PAGE = EveryEventTurn.json("{'items':["
        + "{'session_id':'ses-1','last_updated_at':'2026-04-22T12:34:41.342245','generated_title':'Q3','index_ids':null,"
        + "'job_metadata':{'total_output_tokens':96,'tier':'gold'},'owner':'team-a','priority':3},"
        + "{'session_id':'ses-2','last_updated_at':'2026-04-22T12:30:00.000001'}],"
        + "'next_page_token':null,'total_size':2}");

    @Test
    void knownEventsKeepFieldsTheSdkDoesNotKnow() {
        List<ChatEvent> turn = EveryEventTurn.read(client, server);

        assertEquals(Map.of("trace_id", "t-1"), turn.get(3).additionalProperties());
        assertEquals(List.of(0L, 7L), ((Map<?, ?>) turn.get(9).additionalProperties().get("annotation")).get("spans"));
        assertEquals("doc-7", ((Map<?, ?>) turn.get(9).additionalProperties().get("annotation")).get("source"));
        assertEquals(Map.of(), turn.get(11).additionalProperties(), "an event with nothing unknown has none");
        ChatEvent.Stop stop = (ChatEvent.Stop) turn.get(13);
        assertEquals(Map.of("finish", "end"), stop.additionalProperties());
        assertEquals(Map.of("cached_tokens", 64L), stop.usage().additionalProperties());
        ImageAttachment attachment = ((ChatEvent.ToolResult) turn.get(6)).imageAttachment().orElseThrow();
        assertEquals("doc-7", attachment.sourceId());
        assertEquals("page-4.png", attachment.attachmentName());
        assertEquals(Map.of("width", 1024L), attachment.additionalProperties());
    }

    @Test
    void aRetrievedSessionKeepsFieldsTheSdkDoesNotKnowAndLeavesAbsentOnesEmpty() {
        server.enqueue(ScriptedResponse.status(200).withBody("application/json", SESSION), Endpoint.RETRIEVE);
        Session session = client.retrieve("ses-new");

        assertEquals(List.of("owner", "labels", "archived"), List.copyOf(session.additionalProperties().keySet()));
        assertEquals("team-a", session.additionalProperties().get("owner"));
        assertEquals(Arrays.asList("x", 1L, true, null), session.additionalProperties().get("labels"));
        assertEquals(Boolean.FALSE, session.additionalProperties().get("archived"));
        JobMetadata job = session.jobMetadata().orElseThrow();
        assertEquals(0.0123, ((Map<?, ?>) job.additionalProperties().get("cost")).get("usd"));
        assertEquals("eu", job.additionalProperties().get("region"));
        assertEquals(Map.of("client", "web"), session.events().get(0).additionalProperties());
        assertEquals(5L, ((ChatEvent.Unknown) session.events().get(2)).fields().get("rating"), "an unknown event in the history");

        assertEquals(OptionalLong.of(2), job.turns());
        assertEquals(Optional.of(false), job.isError());
        assertEquals(OptionalDouble.empty(), job.durationMs());
        assertEquals(OptionalLong.empty(), job.totalInputTokens());
        assertEquals(OptionalLong.empty(), job.totalOutputTokens());
        assertEquals(Optional.empty(), job.error());
        assertEquals(Optional.empty(), job.exportConfigIds());
        assertEquals(Optional.empty(), session.generatedTitle(), "a null title");
        Usage empty = ((ChatEvent.Stop) session.events().get(3)).usage();
        assertEquals(OptionalLong.empty(), empty.turns());
        assertEquals(OptionalDouble.empty(), empty.durationMs());
        assertEquals(Map.of(), empty.additionalProperties());
    }

    @Test
    void listedSummariesKeepFieldsTheSdkDoesNotKnowAndLeaveAbsentOnesEmpty() {
        server.enqueue(ScriptedResponse.status(200).withBody("application/json", PAGE), Endpoint.LIST);
        Page<SessionSummary> page = client.listPage();
        SessionSummary known = page.items().get(0);
        SessionSummary bare = page.items().get(1);

        assertEquals(Map.of("owner", "team-a", "priority", 3L), known.additionalProperties());
        assertEquals(Map.of("tier", "gold"), known.jobMetadata().orElseThrow().additionalProperties());
        assertEquals(OptionalLong.of(96), known.jobMetadata().orElseThrow().totalOutputTokens());
        assertEquals(Optional.empty(), known.jobMetadata().orElseThrow().isError(), "is_error absent is not false");
        assertEquals(OptionalLong.empty(), known.jobMetadata().orElseThrow().turns(), "turns absent is not 0");
        assertEquals(Optional.empty(), known.indexIds(), "null index ids");

        assertEquals("ses-2", bare.sessionId());
        assertEquals(Optional.empty(), bare.generatedTitle());
        assertEquals(Optional.empty(), bare.indexIds());
        assertEquals(Optional.empty(), bare.jobMetadata());
        assertEquals(Map.of(), bare.additionalProperties());
        assertEquals(Map.of("total_size", 2L), page.additionalProperties());
        assertFalse(page.hasNextPage());
        assertEquals(Optional.empty(), page.nextPageToken());
    }

    @Test
    void absentEventFieldsReadAsEmptyOptionals() {
        server.enqueue(EveryEventTurn.stream(
            EveryEventTurn.event("tool_call", "'call_id':'c1','name':'search_index','arguments':{}"),
            EveryEventTurn.event("tool_result", "'call_id':'c1','name':'search_index','result':[]"),
            EveryEventTurn.event("text", "'content':'ok'"),
            EveryEventTurn.event("stop", "'is_error':false,'usage':{'total_output_tokens':5}")), Endpoint.STREAM);
        ChatTurn turn = client.ask(client.create().sessionId(), TestClients.turn("scripted"));

        assertEquals(Optional.empty(), turn.toolUses().get(0).result().orElseThrow().imageAttachment());
        assertEquals(Optional.empty(), turn.error(), "a stop without error");
        assertFalse(turn.isError());
        Usage usage = turn.usage().orElseThrow();
        assertEquals(OptionalLong.of(5), usage.totalOutputTokens());
        assertEquals(OptionalLong.empty(), usage.totalInputTokens());
        assertEquals(OptionalLong.empty(), usage.turns());
        assertEquals(OptionalDouble.empty(), usage.durationMs());
        assertEquals(Optional.empty(), ((ChatEvent.ToolResult) EveryEventTurn.read(client, server).get(8)).imageAttachment(),
            "an image attachment sent as null");
    }

    @Test
    void aSessionNeverRunHasNoJobMetadataTitleOrIndexes() {
        String id = client.create().sessionId();

        SessionSummary summary = client.summary(id);
        assertEquals(Optional.empty(), summary.jobMetadata());
        assertEquals(Optional.empty(), summary.generatedTitle());
        assertEquals(Optional.empty(), summary.indexIds());
        Session session = client.retrieve(id);
        assertEquals(Optional.empty(), session.jobMetadata());
        assertEquals(List.of(), session.events());
        assertEquals(Optional.empty(), client.listPage().items().stream()
            .filter(listed -> listed.sessionId().equals(id)).findFirst().orElseThrow().jobMetadata());

        client.ask(id, TestClients.turn("What were the main findings in Q3?", "idx-demo"));
        JobMetadata ran = client.summary(id).jobMetadata().orElseThrow();
        assertEquals(OptionalLong.of(1), ran.turns());
        assertEquals(Optional.of(false), ran.isError());
        assertEquals(Optional.empty(), ran.error(), "a run that did not fail has no error");
        assertEquals(Optional.empty(), ran.exportConfigIds());
    }
}

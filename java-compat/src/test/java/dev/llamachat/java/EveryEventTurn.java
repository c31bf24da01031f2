package dev.llamachat.java;

import dev.llamachat.ChatEvent;
import dev.llamachat.testkit.Endpoint;
import dev.llamachat.testkit.LocalLlamaCloud;
import dev.llamachat.testkit.ScriptedResponse;
import dev.llamachat.testkit.SseFrames;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One turn with every event type the wire has, sent by testkit as raw SSE frames, so that what the Java tests read
 * went through the SDK's own HTTP, SSE and JSON decoding. It carries three tool uses (a JSON object, a string and a
 * number as results), a {@code citation} event this SDK does not know, and fields no event type defines (on
 * {@code tool_call}, the first {@code text_delta}, an image attachment, {@code usage} and {@code stop}). JSON is
 * written with single quotes for legibility; {@link #json} turns them into double quotes.
 */
final class EveryEventTurn {
    /** The arguments of the first tool call: every JSON kind, nested, and an integer too large for a long. */
    static final String SEARCH_ARGUMENTS = json("{'query':'Q3 revenue','top_k':3,'threshold':0.25,'scale':1e3,"
        + "'exact':true,'cursor':null,'filters':{'year':2026,'tags':['finance','q3']},'seed':123456789012345678901234567890}");

    static final List<String> EVENTS = List.of(
        event("thinking_delta", "'content':'Let me '"),
        event("thinking_delta", "'content':'search.'"),
        event("thinking", "'content':'Let me search.'"),
        event("tool_call", "'call_id':'c1','name':'search_index','arguments':" + SEARCH_ARGUMENTS + ",'trace_id':'t-1'"),
        event("tool_result", "'call_id':'c1','name':'search_index',"
            + "'result':{'hits':[{'text':'Revenue grew 12%','score':0.92,'page':4}],'total':1,'truncated':false}"),
        event("tool_call", "'call_id':'c2','name':'percent','arguments':{}"),
        event("tool_result", "'call_id':'c2','name':'percent','result':'12%',"
            + "'image_attachment':{'attachment_name':'page-4.png','source_id':'doc-7','width':1024}"),
        event("tool_call", "'call_id':'c3','name':'count','arguments':{'of':'hits'}"),
        event("tool_result", "'call_id':'c3','name':'count','result':42,'image_attachment':null"),
        event("text_delta", "'content':'Revenue ','annotation':{'source':'doc-7','spans':[0,7]}"),
        event("citation", "'source_id':'doc-7','page':4,'verified':true,'note':null,'spans':[{'start':0,'end':7}]"),
        event("text_delta", "'content':'grew 12%.'"),
        event("text", "'content':'Revenue grew 12%.'"),
        event("stop", "'error':null,'is_error':false,'usage':{'duration_ms':1520.5,'total_input_tokens':812,"
            + "'total_output_tokens':96,'turns':1,'cached_tokens':64},'finish':'end'"));

    /** What {@link DescribingVisitor} returns for each of {@link #EVENTS}, in order. */
    static final List<String> DESCRIBED = List.of(
        "thinking_delta Let me ",
        "thinking_delta search.",
        "thinking Let me search.",
        "tool_call c1 search_index",
        "tool_result c1 search_index",
        "tool_call c2 percent",
        "tool_result c2 percent",
        "tool_call c3 count",
        "tool_result c3 count",
        "text_delta Revenue ",
        "unknown citation",
        "text_delta grew 12%.",
        "text Revenue grew 12%.",
        "stop false");

    private EveryEventTurn() {
    }

    /** The turn as testkit's answer to one stream call: each event a frame named after its type, as the service sends it. */
    static ScriptedResponse response() {
        return ScriptedResponse.stream(EVENTS.stream().map(EveryEventTurn::frame).collect(Collectors.toList()));
    }

    /** A new session on [server], made with [client], whose next stream call [server] answers with this turn. */
    static String scriptedSession(LlamaCloudChatClient client, LocalLlamaCloud server) {
        server.enqueue(response(), Endpoint.STREAM);
        return client.create().sessionId();
    }

    /** The turn as [client]'s blocking stream reads it from [server], in a new session. */
    static List<ChatEvent> read(LlamaCloudChatClient client, LocalLlamaCloud server) {
        try (EventStream events = client.stream(scriptedSession(client, server), TestClients.turn("scripted"))) {
            return events.stream().collect(Collectors.toList());
        }
    }

    /** [events] (JSON objects with a {@code type}) as a scripted stream, for turns other than this one. */
    static ScriptedResponse stream(String... events) {
        return ScriptedResponse.stream(List.of(events).stream().map(EveryEventTurn::frame).collect(Collectors.toList()));
    }

    /** A JSON object of type [type] with [members] (single-quoted JSON members, no braces). */
    static String event(String type, String members) {
        return json("{'type':'" + type + "'," + members + "}");
    }

    /** [singleQuoted] with its single quotes turned into double quotes. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static byte[] frame(String eventJson) {
        String type = eventJson.substring("{\"type\":\"".length(), eventJson.indexOf('"', "{\"type\":\"".length()));
        return SseFrames.frame(type, eventJson);
    }
}

package dev.llamachat.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamachat.ChatEvent;
import dev.llamachat.Usage;
import dev.llamachat.testkit.junit5.LocalLlamaCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scripted responses, socket policies and the dispatcher, as Java code writes them. */
@ExtendWith(LocalLlamaCloudExtension.class)
class ScriptingFromJavaTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> stream(LocalLlamaCloud server) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/v1/chat/any/messages/stream")))
            .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"hi\",\"index_ids\":[]}"))
            .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDispatcherScriptsAnyTurn(LocalLlamaCloud server) throws Exception {
        List<ChatEvent> turn = List.of(new ChatEvent.TextDelta("hello"), new ChatEvent.Stop(null, false, new Usage()));
        server.setDispatcher(request -> request.getEndpoint() == Endpoint.STREAM
            ? ScriptedResponse.events(turn).withFrameAfter(1, SseFrames.frame("citation", "{\"type\":\"citation\"}"))
            : ScriptedResponse.serve());
        HttpResponse<String> response = stream(server);
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("content-type").orElseThrow());
        String body = response.body();
        assertTrue(body.startsWith("event: text_delta\n"), body);
        assertTrue(body.contains("event: citation\n"), body);
        assertTrue(body.endsWith("\n\n") && body.contains("event: stop\n"), body);
        assertEquals("hi", server.takeRequest(Duration.ofSeconds(5)).getBody().replaceAll(".*\"prompt\":\"([^\"]*)\".*", "$1"));
    }

    @Test
    void aPolicyCutsAScriptedStream(LocalLlamaCloud server) throws Exception {
        List<byte[]> frames = List.of(SseFrames.frame("a", "1"), SseFrames.frame("b", "2"), SseFrames.frame("c", "3"));
        server.enqueue(ScriptedResponse.stream(frames).withSocketPolicy(SocketPolicy.endAfterEvents(2)), Endpoint.STREAM);
        assertEquals("event: a\ndata: 1\n\nevent: b\ndata: 2\n\n", stream(server).body());
        assertTrue(server.awaitIdle(Duration.ofSeconds(10)));
    }
}

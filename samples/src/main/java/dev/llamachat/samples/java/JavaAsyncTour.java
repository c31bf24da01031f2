// README: java-async-tour start
package dev.llamachat.samples.java;

import dev.llamachat.ChatEvent;
import dev.llamachat.ChatTurn;
import dev.llamachat.NotFoundException;
import dev.llamachat.Page;
import dev.llamachat.Session;
import dev.llamachat.SessionSummary;
import dev.llamachat.java.CreateSessionParams;
import dev.llamachat.java.ListParams;
import dev.llamachat.java.LlamaCloudChatClientAsync;
import dev.llamachat.java.StreamParams;
import dev.llamachat.java.TitleParams;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/** JavaTour with futures and a Flow.Publisher: every session call once, nothing blocks until join(). */
public final class JavaAsyncTour {
    public static void main(String[] args) {
        try (LlamaCloudChatClientAsync chat = LlamaCloudChatClientAsync.fromEnv()) {  // LLAMA_CLOUD_API_KEY
            run(chat, "idx-demo", System.out);
        }
    }

    static void run(LlamaCloudChatClientAsync chat, String indexId, PrintStream out) {
        SessionSummary created = chat.create(CreateSessionParams.builder().addIndexId(indexId).build()).join();
        SessionSummary unbound = chat.create().join();                  // bound later, by its first turn
        out.println("created " + created.sessionId() + " and " + unbound.sessionId());

        CompletableFuture<Void> listed = new CompletableFuture<>();
        chat.listAll().subscribe(new Flow.Subscriber<SessionSummary>() { // every page, as demand reaches it
            @Override public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override public void onNext(SessionSummary s) {
                out.println("listed " + s.sessionId() + " " + s.generatedTitle().orElse("(untitled)"));
            }

            @Override public void onError(Throwable failure) {
                listed.completeExceptionally(failure);
            }

            @Override public void onComplete() {
                listed.complete(null);
            }
        });
        listed.join();
        Page<SessionSummary> first = chat.listPage(ListParams.builder().pageSize(1).build()).join();
        out.println("first page: " + first.items().size() + " session(s), more: " + first.hasNextPage());

        StreamParams q3 = StreamParams.builder().prompt("What were the main findings in Q3?").addIndexId(indexId).build();
        ChatTurn turn = chat.ask(created.sessionId(), q3).join();      // the whole turn: text, tools, usage
        out.println("answer: " + turn.text().lines().findFirst().orElse(""));

        SessionSummary summary = chat.summary(created.sessionId()).join();
        out.println("summary: " + summary.jobMetadata().map(m -> m.turns().orElse(0) + " turn(s)").orElse("no runs"));

        Session session = chat.retrieve(created.sessionId()).join();    // the summary fields plus the history
        for (ChatEvent event : session.events()) {
            if (event instanceof ChatEvent.UserInput) out.println("  user: " + ((ChatEvent.UserInput) event).content());
            else if (event instanceof ChatEvent.ToolCall) out.println("  tool: " + ((ChatEvent.ToolCall) event).name());
            else if (event instanceof ChatEvent.Text) out.println("  agent: " + ((ChatEvent.Text) event).content().length() + " characters");
        }

        TitleParams title = TitleParams.builder().firstMessage("Quarterly results: the Q3 findings").build();
        out.println("title: " + chat.generateTitle(created.sessionId(), title).join().generatedTitle().orElse(""));

        CompletableFuture.allOf(chat.delete(created.sessionId()), chat.delete(unbound.sessionId())).join();
        try {
            chat.summary(created.sessionId()).join();
        } catch (CompletionException e) {                               // join() wraps the typed failure
            if (!(e.getCause() instanceof NotFoundException)) throw e;
            out.println("deleted: " + ((NotFoundException) e.getCause()).status());
        }
    }
}
// README: java-async-tour end

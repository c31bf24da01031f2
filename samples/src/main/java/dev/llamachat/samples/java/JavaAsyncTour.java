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
import dev.llamachat.samples.SampleClient;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/**
 * Every session call once from Java with the asynchronous client, {@link CompletableFuture}s all the way: create,
 * list a page, summary, a turn, retrieve the history, generate a title, delete. {@link JavaTour} is the same with the
 * blocking client, which most code wants. Run it with
 * {@code mvn -q -pl samples exec:java -Dexec.mainClass=dev.llamachat.samples.java.JavaAsyncTour}.
 */
public final class JavaAsyncTour {
    private JavaAsyncTour() {}

    /** Runs the tour against the service {@link SampleClient#open} picks from the environment. */
    public static void main(String[] args) {
        try (SampleClient client = SampleClient.open();
             LlamaCloudChatClientAsync chat = LlamaCloudChatClientAsync.wrap(client.getChat())) {
            run(chat, client.getIndexId(), System.out);
        }
    }

    /** Runs the tour on {@code chat}, printing to {@code out}; it deletes the sessions it creates. */
    public static void run(LlamaCloudChatClientAsync chat, String indexId, PrintStream out) {
        // README: java-async-tour start
        SessionSummary created = chat.create(CreateSessionParams.builder().addIndexId(indexId).build()).join();
        SessionSummary unbound = chat.create().join();                  // bound later, by its first turn
        CompletableFuture<Void> listed = new CompletableFuture<>();
        out.println("created " + created.sessionId() + " and " + unbound.sessionId());

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

        StreamParams q3 = StreamParams.builder()
            .prompt("What were the main findings in Q3?")
            .addIndexId(indexId)
            .build();
        ChatTurn turn = chat.ask(created.sessionId(), q3).join();   // the whole turn: text, tools, usage
        out.println("answer: " + turn.text().lines().findFirst().orElse(""));

        SessionSummary summary = chat.summary(created.sessionId()).join();
        out.println("summary: " + summary.jobMetadata().map(m -> m.turns().orElse(0) + " turn(s)").orElse("no runs"));

        Session session = chat.retrieve(created.sessionId()).join(); // the summary fields plus the history
        for (ChatEvent event : session.events()) {
            if (event instanceof ChatEvent.UserInput input) out.println("  user: " + input.content());
            else if (event instanceof ChatEvent.ToolCall call) out.println("  tool: " + call.name());
            else if (event instanceof ChatEvent.Text text) out.println("  agent: " + text.content().length() + " characters");
        }

        TitleParams title = TitleParams.builder().firstMessage("Quarterly results: the Q3 findings").build();
        out.println("title: " + chat.generateTitle(created.sessionId(), title).join().generatedTitle().orElse(""));

        CompletableFuture.allOf(chat.delete(created.sessionId()), chat.delete(unbound.sessionId())).join();
        try {
            chat.summary(created.sessionId()).join();
        } catch (CompletionException e) {                               // join() wraps the typed failure
            if (e.getCause() instanceof NotFoundException notFound) out.println("deleted: " + notFound.getStatus());
            else throw e;
        }
        // README: java-async-tour end
    }
}

package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.ChatSession
import dev.llamachat.ChatTurn
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.collectTurn
import dev.llamachat.internal.Arguments
import dev.llamachat.java.AsyncChatSession
import dev.llamachat.java.EventStream
import java.util.Optional
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Flow
import java.util.function.Consumer

/** [AsyncChatSession] as thin adapters over core's [ChatSession]. */
internal class DefaultAsyncChatSession(
    private val session: ChatSession,
    private val bridge: CoroutineBridge,
) : AsyncChatSession {
    override fun getSessionId(): String = session.sessionId

    override fun indexIds(): Optional<List<String>> = session.indexIds()

    override fun organizationId(): Optional<String> = Optional.ofNullable(session.organizationId)

    override fun projectId(): Optional<String> = Optional.ofNullable(session.projectId)

    override fun send(prompt: String): Flow.Publisher<ChatEvent> =
        bridge.publisher(session.send(Arguments.prompt(prompt)))

    override fun send(prompt: String, indexIds: List<String>): Flow.Publisher<ChatEvent> =
        bridge.publisher(session.send(Arguments.prompt(prompt), checkedIds(indexIds)))

    override fun ask(prompt: String): CompletableFuture<ChatTurn> {
        val turn = session.send(Arguments.prompt(prompt))
        return bridge.future { turn.collectTurn() }
    }

    override fun ask(prompt: String, onEvent: Consumer<ChatEvent>): CompletableFuture<ChatTurn> {
        val turn = session.send(Arguments.prompt(prompt))
        return bridge.future { turn.collectTurn { onEvent.accept(it) } }
    }

    override fun streamBlocking(prompt: String): EventStream =
        bridge.eventStream(session.send(Arguments.prompt(prompt)))

    override fun history(): CompletableFuture<Session> = bridge.future { session.history() }

    override fun summary(): CompletableFuture<SessionSummary> = bridge.future { session.summary() }

    override fun generateTitle(firstMessage: String): CompletableFuture<SessionSummary> {
        Arguments.firstMessage(firstMessage)
        return bridge.future { session.generateTitle(firstMessage) }
    }

    override fun delete(): CompletableFuture<Void?> = bridge.future {
        session.delete()
        null
    }

    override fun toString(): String = "AsyncChatSession(sessionId=${session.sessionId}, indexIds=${session.indexIds})"

    private fun checkedIds(indexIds: List<String>): List<String> = Arguments.indexIds(copyIds("indexIds", indexIds))!!
}

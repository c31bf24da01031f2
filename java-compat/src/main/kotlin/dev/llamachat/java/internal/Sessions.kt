package dev.llamachat.java.internal

import dev.llamachat.ChatEvent
import dev.llamachat.ChatSession
import dev.llamachat.ChatTurn
import dev.llamachat.Session
import dev.llamachat.SessionSummary
import dev.llamachat.collectTurn
import dev.llamachat.internal.Arguments
import dev.llamachat.java.ChatSessionClient
import dev.llamachat.java.ChatSessionClientAsync
import dev.llamachat.java.EventStream
import dev.llamachat.java.RequestScope
import java.util.Optional
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Flow
import java.util.function.Consumer

/** Core's handle on an existing session, the Java caller's arguments checked first. */
internal fun ClientCore.session(sessionId: String, indexIds: List<String>?, scope: RequestScope): ChatSession {
    Arguments.sessionId(sessionId)
    return api.session(sessionId, indexIds?.let(::checkedIds), scope.org(), scope.project())
}

/** [ChatSessionClient] as thin blocking adapters over core's [ChatSession]. */
internal class BlockingChatSession(private val session: ChatSession, private val core: ClientCore) : ChatSessionClient {
    override fun sessionId(): String = session.sessionId

    override fun indexIds(): Optional<List<String>> = session.indexIds()

    override fun organizationId(): Optional<String> = Optional.ofNullable(session.organizationId)

    override fun projectId(): Optional<String> = Optional.ofNullable(session.projectId)

    override fun async(): ChatSessionClientAsync = AsyncChatSession(session, core)

    override fun stream(prompt: String): EventStream = core.bridge.eventStream(session.send(Arguments.prompt(prompt)))

    override fun stream(prompt: String, indexIds: List<String>): EventStream =
        core.bridge.eventStream(session.send(Arguments.prompt(prompt), checkedIds(indexIds)))

    override fun ask(prompt: String): ChatTurn {
        val turn = session.send(Arguments.prompt(prompt))
        return core.bridge.await { turn.collectTurn() }
    }

    override fun ask(prompt: String, onEvent: Consumer<ChatEvent>): ChatTurn = collectBlocking(stream(prompt), onEvent)

    override fun history(): Session = core.bridge.await { session.history() }

    override fun summary(): SessionSummary = core.bridge.await { session.summary() }

    override fun generateTitle(firstMessage: String): SessionSummary {
        Arguments.firstMessage(firstMessage)
        return core.bridge.await { session.generateTitle(firstMessage) }
    }

    override fun delete() {
        core.bridge.await { session.delete() }
    }

    override fun toString(): String = "ChatSessionClient(sessionId=${session.sessionId}, indexIds=${session.indexIds})"
}

/** [ChatSessionClientAsync] as thin future and publisher adapters over core's [ChatSession]. */
internal class AsyncChatSession(private val session: ChatSession, private val core: ClientCore) : ChatSessionClientAsync {
    override fun sessionId(): String = session.sessionId

    override fun indexIds(): Optional<List<String>> = session.indexIds()

    override fun organizationId(): Optional<String> = Optional.ofNullable(session.organizationId)

    override fun projectId(): Optional<String> = Optional.ofNullable(session.projectId)

    override fun sync(): ChatSessionClient = BlockingChatSession(session, core)

    override fun stream(prompt: String): Flow.Publisher<ChatEvent> =
        core.bridge.publisher(session.send(Arguments.prompt(prompt)))

    override fun stream(prompt: String, indexIds: List<String>): Flow.Publisher<ChatEvent> =
        core.bridge.publisher(session.send(Arguments.prompt(prompt), checkedIds(indexIds)))

    override fun ask(prompt: String): CompletableFuture<ChatTurn> {
        val turn = session.send(Arguments.prompt(prompt))
        return core.bridge.future { turn.collectTurn() }
    }

    override fun ask(prompt: String, onEvent: Consumer<ChatEvent>): CompletableFuture<ChatTurn> {
        val turn = session.send(Arguments.prompt(prompt))
        return core.bridge.future { turn.collectTurn { onEvent.accept(it) } }
    }

    override fun history(): CompletableFuture<Session> = core.bridge.future { session.history() }

    override fun summary(): CompletableFuture<SessionSummary> = core.bridge.future { session.summary() }

    override fun generateTitle(firstMessage: String): CompletableFuture<SessionSummary> {
        Arguments.firstMessage(firstMessage)
        return core.bridge.future { session.generateTitle(firstMessage) }
    }

    override fun delete(): CompletableFuture<Void?> = core.bridge.future {
        session.delete()
        null
    }

    override fun toString(): String = "ChatSessionClientAsync(sessionId=${session.sessionId}, indexIds=${session.indexIds})"
}

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
import kotlinx.coroutines.flow.Flow as KFlow

/** Core's handle on an existing session, the Java caller's arguments checked first. */
internal fun ClientCore.session(sessionId: String, indexIds: List<String>?, scope: RequestScope): ChatSession {
    Arguments.sessionId(sessionId)
    return api.session(sessionId, indexIds?.let(::checkedIds), scope.org(), scope.project())
}

/** [ChatSessionClientAsync] as thin future and publisher adapters over core's [ChatSession]. */
internal class AsyncChatSession(private val session: ChatSession, private val core: ClientCore) : ChatSessionClientAsync {
    override fun sessionId(): String = session.sessionId

    override fun indexIds(): Optional<List<String>> = session.indexIds()

    override fun organizationId(): Optional<String> = Optional.ofNullable(session.organizationId)

    override fun projectId(): Optional<String> = Optional.ofNullable(session.projectId)

    override fun sync(): ChatSessionClient = BlockingChatSession(this)

    override fun stream(prompt: String): Flow.Publisher<ChatEvent> = core.bridge.publisher(turn(prompt, null))

    override fun stream(prompt: String, indexIds: List<String>): Flow.Publisher<ChatEvent> =
        core.bridge.publisher(turn(prompt, indexIds))

    override fun ask(prompt: String): CompletableFuture<ChatTurn> {
        val turn = turn(prompt, null)
        return core.bridge.future { turn.collectTurn() }
    }

    override fun ask(prompt: String, onEvent: Consumer<ChatEvent>): CompletableFuture<ChatTurn> {
        val turn = turn(prompt, null)
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

    /** One turn as a blocking [EventStream], for [BlockingChatSession]. */
    fun eventStream(prompt: String, indexIds: List<String>?): EventStream = core.bridge.eventStream(turn(prompt, indexIds))

    /** One turn on [indexIds], or on the bound ones if null; the prompt and ids are checked now. */
    private fun turn(prompt: String, indexIds: List<String>?): KFlow<ChatEvent> =
        session.send(Arguments.prompt(prompt), indexIds?.let(::checkedIds))

    override fun toString(): String = "ChatSessionClientAsync(sessionId=${session.sessionId}, indexIds=${session.indexIds})"
}

/**
 * [ChatSessionClient]: each call is its asynchronous twin's, awaited on the caller's thread; a turn is read as a
 * blocking [EventStream].
 */
internal class BlockingChatSession(private val async: AsyncChatSession) : ChatSessionClient {
    override fun sessionId(): String = async.sessionId()

    override fun indexIds(): Optional<List<String>> = async.indexIds()

    override fun organizationId(): Optional<String> = async.organizationId()

    override fun projectId(): Optional<String> = async.projectId()

    override fun async(): ChatSessionClientAsync = async

    override fun stream(prompt: String): EventStream = async.eventStream(prompt, null)

    override fun stream(prompt: String, indexIds: List<String>): EventStream = async.eventStream(prompt, indexIds)

    override fun ask(prompt: String): ChatTurn = async.ask(prompt).awaitBlocking()

    override fun ask(prompt: String, onEvent: Consumer<ChatEvent>): ChatTurn = collectBlocking(stream(prompt), onEvent)

    override fun history(): Session = async.history().awaitBlocking()

    override fun summary(): SessionSummary = async.summary().awaitBlocking()

    override fun generateTitle(firstMessage: String): SessionSummary = async.generateTitle(firstMessage).awaitBlocking()

    override fun delete() {
        async.delete().awaitBlocking()
    }

    override fun toString(): String = "ChatSessionClient" + async.toString().removePrefix("ChatSessionClientAsync")
}

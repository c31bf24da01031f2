package dev.llamachat

import dev.llamachat.internal.Arguments
import java.util.Optional
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.onEach

/**
 * A handle on one chat session: it remembers the session's id, its bound index ids and the project, so a turn
 * needs only a prompt. Get one from [ChatApi.startSession] or [ChatApi.session]. Safe to share between coroutines,
 * though the service runs one turn per session at a time.
 *
 * A handle made without index ids (`chat.session(id)`) does not know whether the session is bound: its first
 * turn asks the service once (a summary request) and sends the bound set, since any other set is refused (409).
 *
 * ```kotlin
 * val session = chat.startSession(indexIds = listOf("idx-demo"))
 * session.send("What were the main findings in Q3?").collect { if (it is ChatEvent.TextDelta) print(it.content) }
 * val turn = session.ask("And Q4?")
 * ```
 */
public class ChatSession(
    private val api: ChatApi,
    /** The session's id. */
    public val sessionId: String,
    indexIds: List<String>?,
    /** The organization every call on this session uses, or null for the client's default. */
    public val organizationId: String? = null,
    /** The project every call on this session uses, or null for the client's default. */
    public val projectId: String? = null,
) {
    /** A handle on the session that [summary] describes (whose index ids are thus known). */
    public constructor(api: ChatApi, summary: SessionSummary, organizationId: String? = null, projectId: String? = null) :
        this(api, summary.sessionId, summary.indexIds, organizationId, projectId) {
        indexIdsKnown = true
    }

    init {
        Arguments.sessionId(sessionId)
        Arguments.indexIds(indexIds)
    }

    @Volatile
    private var boundIndexIds: List<String>? = indexIds?.toList()

    /** Whether [boundIndexIds] is what the service has: given, read from a summary, or set by a turn. */
    @Volatile
    private var indexIdsKnown: Boolean = indexIds != null

    /**
     * The indexes the session is bound to, or null while it is unbound (its first turn binds it) or, on a handle
     * made without them, until its first turn learned them.
     */
    public val indexIds: List<String>? get() = boundIndexIds

    /** [indexIds] for Java callers. */
    public fun indexIds(): Optional<List<String>> = Optional.ofNullable(boundIndexIds)

    /**
     * Streams one turn (see [ChatApi.stream]). The flow is cold: the turn runs when it is collected, and the bound
     * index ids are read then, so a turn prepared before the binding turn ran still uses the binding.
     * @param indexIds the indexes for this turn; defaults to the bound ones (learned with one summary request on
     *   a handle made without them). An unbound session is bound by the first turn's set, which this handle then
     *   remembers once that turn reached its `stop` event.
     * @throws IllegalArgumentException at once if [prompt] is blank or too long, or an index id is blank.
     */
    public fun send(prompt: String, indexIds: List<String>? = null): Flow<ChatEvent> {
        Arguments.prompt(prompt)
        val given = Arguments.indexIds(indexIds)?.toList()
        return flow {
            val ids = given ?: boundIndexIds ?: learnIndexIds() ?: emptyList()
            emitAll(api.stream(sessionId, prompt, ids, organizationId, projectId).onEach { event ->
                if (event is ChatEvent.Stop && boundIndexIds == null) {
                    boundIndexIds = ids
                    indexIdsKnown = true
                }
            })
        }
    }

    /** The bound index ids, asked of the service once if this handle was made without them. */
    private suspend fun learnIndexIds(): List<String>? {
        if (!indexIdsKnown) {
            val bound = api.summary(sessionId, organizationId, projectId).indexIds?.toList()
            if (boundIndexIds == null) boundIndexIds = bound
            indexIdsKnown = true
        }
        return boundIndexIds
    }

    /**
     * Runs one turn to its end and returns what it left behind; [onEvent] sees each event as it arrives
     * (to print the answer while it streams).
     */
    public suspend fun ask(
        prompt: String,
        indexIds: List<String>? = null,
        onEvent: suspend (ChatEvent) -> Unit = {},
    ): ChatTurn = send(prompt, indexIds).collectTurn(onEvent)

    /** The full session with its event history (see [ChatApi.retrieve]). */
    public suspend fun history(): Session = api.retrieve(sessionId, organizationId, projectId)

    /** The session's summary (see [ChatApi.summary]). */
    public suspend fun summary(): SessionSummary = api.summary(sessionId, organizationId, projectId)

    /** Generates the session's title from [firstMessage] (see [ChatApi.generateTitle]). */
    public suspend fun generateTitle(firstMessage: String): SessionSummary =
        api.generateTitle(sessionId, firstMessage, organizationId, projectId)

    /** Deletes the session (see [ChatApi.delete]). */
    public suspend fun delete() {
        api.delete(sessionId, organizationId, projectId)
    }

    override fun toString(): String = "ChatSession(sessionId=$sessionId, indexIds=$boundIndexIds)"
}

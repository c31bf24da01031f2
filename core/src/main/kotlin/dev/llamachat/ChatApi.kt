package dev.llamachat

import dev.llamachat.internal.Arguments
import dev.llamachat.internal.PageWalker
import kotlinx.coroutines.flow.Flow

/**
 * The LlamaCloud Chat API: the seven endpoints, transport-agnostic. `LlamaCloudChat` in `llamachat-ktor-transport`
 * implements it over HTTP.
 *
 * Every call takes optional [organizationId] and [projectId] (UUIDs); null means the client's default. Arguments
 * that can never be valid (a blank id, a prompt over 1,000 characters, a page size outside 1..100, an id that
 * is not a UUID) fail with [IllegalArgumentException] before any request. Failures from the service are
 * [LlamaCloudException]s. Cancelling the calling coroutine cancels the request.
 *
 * ```kotlin
 * val session = chat.startSession(indexIds = listOf("idx-demo"))
 * session.send("What were the main findings in Q3?").collect { println(it) }
 * ```
 */
public interface ChatApi {
    /**
     * One page of the project's sessions, most recently updated first.
     * @param pageToken the previous page's [Page.nextPageToken]; null for the first page.
     * @throws BadRequestException if [pageToken] is not one the service issued.
     */
    public suspend fun listPage(
        pageSize: Int? = null,
        pageToken: String? = null,
        organizationId: String? = null,
        projectId: String? = null,
    ): Page<SessionSummary>

    /**
     * Every session of the project, most recently updated first, fetching the next page only when the collector
     * has taken the previous one. Cancelling the collector stops paging.
     * @throws IllegalArgumentException at once (not on collection) if [pageSize] or an id is invalid.
     * @throws UnexpectedResponseException if the service hands out a page token it already gave.
     */
    public fun list(
        pageSize: Int? = null,
        organizationId: String? = null,
        projectId: String? = null,
    ): Flow<SessionSummary> {
        Arguments.pageSize(pageSize)
        Arguments.uuid("organizationId", organizationId)
        Arguments.uuid("projectId", projectId)
        return PageWalker.flow(startToken = null) { token -> listPage(pageSize, token, organizationId, projectId) }
    }

    /**
     * Creates a session, bound to [indexIds] if given (locked after the first turn), or unbound if null.
     * Not idempotent: retried only when the service cannot have acted on it.
     */
    public suspend fun create(
        indexIds: List<String>? = null,
        organizationId: String? = null,
        projectId: String? = null,
    ): SessionSummary

    /**
     * The full session with its event history.
     * @throws NotFoundException if it does not exist, was deleted, or belongs to another project.
     */
    public suspend fun retrieve(sessionId: String, organizationId: String? = null, projectId: String? = null): Session

    /**
     * Deletes a session; later calls on it get [NotFoundException].
     * @throws NotFoundException if it does not exist.
     */
    public suspend fun delete(sessionId: String, organizationId: String? = null, projectId: String? = null)

    /**
     * The session's summary, without its history.
     * @throws NotFoundException if it does not exist.
     */
    public suspend fun summary(sessionId: String, organizationId: String? = null, projectId: String? = null): SessionSummary

    /**
     * Generates the session's title from [firstMessage] (at most 60 characters, cut at a word boundary) and
     * returns the updated summary.
     */
    public suspend fun generateTitle(
        sessionId: String,
        firstMessage: String,
        organizationId: String? = null,
        projectId: String? = null,
    ): SessionSummary

    /**
     * Runs one chat turn and streams its events as they arrive. The flow is cold: each collection sends the
     * prompt again. It completes after [ChatEvent.Stop]; a stream that breaks or ends early fails with a
     * [StreamException] saying after which event. Cancelling the collector closes the response at once.
     *
     * @param indexIds the indexes to retrieve from; must equal the session's bound set once it has one.
     * @throws ConflictException if [indexIds] differ from the session's locked set, or a turn is already running.
     */
    public fun stream(
        sessionId: String,
        prompt: String,
        indexIds: List<String>,
        organizationId: String? = null,
        projectId: String? = null,
    ): Flow<ChatEvent>

    /** Creates a session (see [create]) and returns a [ChatSession] handle on it. */
    public suspend fun startSession(
        indexIds: List<String>? = null,
        organizationId: String? = null,
        projectId: String? = null,
    ): ChatSession = ChatSession(this, create(indexIds, organizationId, projectId), organizationId, projectId)

    /**
     * A [ChatSession] handle on an existing session, without a request.
     * @param indexIds the session's bound indexes, if known; the first turn binds an unbound session.
     */
    public fun session(
        sessionId: String,
        indexIds: List<String>? = null,
        organizationId: String? = null,
        projectId: String? = null,
    ): ChatSession = ChatSession(this, sessionId, indexIds, organizationId, projectId)
}

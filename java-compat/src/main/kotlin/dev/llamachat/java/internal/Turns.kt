package dev.llamachat.java.internal

import dev.llamachat.ChatApi
import dev.llamachat.ChatEvent
import dev.llamachat.ChatTurn
import dev.llamachat.ChatTurnCollector
import dev.llamachat.internal.Arguments
import dev.llamachat.java.EventStream
import dev.llamachat.java.StreamParams
import java.util.function.Consumer
import kotlinx.coroutines.flow.Flow

/** One turn of [params] on [sessionId], as core's cold flow; the session id is checked now. */
internal fun ChatApi.turn(sessionId: String, params: StreamParams): Flow<ChatEvent> {
    Arguments.sessionId(sessionId)
    return stream(sessionId, params.prompt(), params.indexIds(), params.org(), params.project())
}

/**
 * Reads [events] to the end on the calling thread, passing each to [onEvent], and returns the turn they make.
 * Closing the stream on the way out stops the turn if [onEvent] throws.
 */
internal fun collectBlocking(events: EventStream, onEvent: Consumer<ChatEvent>): ChatTurn = events.use {
    val collector = ChatTurnCollector()
    for (event in it) {
        collector.add(event)
        onEvent.accept(event)
    }
    collector.build()
}

/** A Java caller's id list, null elements refused, then core's checks. */
internal fun checkedIds(indexIds: List<String>): List<String> = Arguments.indexIds(copyIds("indexIds", indexIds))!!

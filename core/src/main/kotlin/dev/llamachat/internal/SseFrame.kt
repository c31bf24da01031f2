package dev.llamachat.internal

import dev.llamachat.InternalLlamaChatApi

/**
 * One dispatched Server-Sent Event.
 *
 * @property event the `event:` field, or null if the event had none.
 * @property data the `data:` lines joined with LF, decoded from UTF-8 once.
 * @property id the last event id seen so far on the stream, or null.
 */
@InternalLlamaChatApi
public class SseFrame(public val event: String?, public val data: String, public val id: String?) {
    override fun toString(): String = "SseFrame(event=$event, id=$id, data=$data)"
}

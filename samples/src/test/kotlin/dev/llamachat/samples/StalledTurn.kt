package dev.llamachat.samples

import dev.llamachat.ChatEvent
import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.testkit.Endpoint
import dev.llamachat.testkit.LocalLlamaCloud
import dev.llamachat.testkit.ScriptedResponse
import dev.llamachat.testkit.SocketPolicy
import kotlinx.coroutines.flow.toList

/**
 * Makes [server]'s next turn the answer [prompt] gets on [indexId], stalled before its last text delta: that turn
 * is still running, its answer partly sent, until the client leaves, however slow the machine is (pacing the answer
 * instead would race with the test). The answer is learned from a turn of its own through [chat] (on a session it
 * deletes; testkit's agent answers a prompt the same way every time).
 *
 * @return the whole answer, which the stalled turn never finishes.
 */
internal suspend fun LocalLlamaCloud.stallNextTurnBeforeItsEnd(chat: LlamaCloudChat, prompt: String, indexId: String): String {
    val session = chat.create(listOf(indexId))
    val events = chat.stream(session.sessionId, prompt, listOf(indexId)).toList()
    chat.delete(session.sessionId)
    val lastDelta = events.indexOfLast { it is ChatEvent.TextDelta }
    enqueue(ScriptedResponse.serve().withSocketPolicy(SocketPolicy.stallAfterEvents(lastDelta)), Endpoint.STREAM)
    return events.filterIsInstance<ChatEvent.TextDelta>().joinToString("") { it.content }
}

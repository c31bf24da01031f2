@file:JvmName("ChatTurns")

package dev.llamachat

import kotlinx.coroutines.flow.Flow

/**
 * Collects a turn's events into a [ChatTurn], calling [onEvent] for each as it passes (to show the answer while
 * it streams). Rethrows the stream's failure, if any.
 *
 * ```kotlin
 * val turn = chat.stream(sessionId, "And Q4?", listOf("idx-demo")).collectTurn { if (it is ChatEvent.TextDelta) print(it.content) }
 * ```
 */
public suspend fun Flow<ChatEvent>.collectTurn(onEvent: suspend (ChatEvent) -> Unit = {}): ChatTurn {
    val collector = ChatTurnCollector()
    collect { event ->
        collector.add(event)
        onEvent(event)
    }
    return collector.build()
}

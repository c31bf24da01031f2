package dev.llamachat

/**
 * Folds a turn's events, one [add] at a time, into a [ChatTurn]. [collectTurn] uses it for a Flow; Java callers
 * can feed it from a `Flow.Publisher` subscriber. Not thread-safe: feed it from one thread at a time.
 */
public class ChatTurnCollector {
    private val textDeltas = StringBuilder()
    private val thinkingDeltas = StringBuilder()
    private var text: String? = null
    private var thinking: String? = null
    private val toolUses = ArrayList<ToolUse>()

    /** Per call id, the positions in [toolUses] of calls still waiting for a result, oldest first. */
    private val awaitingResult = HashMap<String, ArrayDeque<Int>>()
    private val unpairedResults = ArrayList<ChatEvent.ToolResult>()
    private val unknownEvents = ArrayList<ChatEvent.Unknown>()
    private var stop: ChatEvent.Stop? = null
    private var eventCount = 0

    /** Adds the next event of the turn. */
    public fun add(event: ChatEvent) {
        eventCount++
        when (event) {
            is ChatEvent.TextDelta -> textDeltas.append(event.content)
            is ChatEvent.ThinkingDelta -> thinkingDeltas.append(event.content)
            is ChatEvent.Text -> text = event.content
            is ChatEvent.Thinking -> thinking = event.content
            is ChatEvent.ToolCall -> {
                // A call id may come again in one turn (some agents number calls per step); each call keeps its own
                // result rather than the later call replacing the earlier one.
                awaitingResult.getOrPut(event.callId) { ArrayDeque() }.addLast(toolUses.size)
                toolUses += ToolUse(event, null)
            }
            is ChatEvent.ToolResult -> {
                val index = awaitingResult[event.callId]?.removeFirstOrNull()
                if (index != null) toolUses[index] = ToolUse(toolUses[index].call, event)
                else unpairedResults += event
            }
            is ChatEvent.Stop -> stop = event
            is ChatEvent.Unknown -> unknownEvents += event
            is ChatEvent.UserInput -> Unit // the prompt; a live turn does not echo it
        }
    }

    /** The turn as folded so far. */
    public fun build(): ChatTurn = ChatTurn(
        text = text ?: textDeltas.toString(),
        thinking = thinking ?: thinkingDeltas.toString(),
        toolUses = toolUses.toList(),
        unpairedResults = unpairedResults.toList(),
        usage = stop?.usage,
        isError = stop?.isError ?: false,
        error = stop?.error,
        unknownEvents = unknownEvents.toList(),
        eventCount = eventCount,
    )
}

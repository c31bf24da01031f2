package dev.llamachat

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.JsonNull
import java.lang.reflect.Modifier
import kotlinx.serialization.json.JsonObject

/** Names the method it was called through, and checks it received the very event [accept] was called on. */
private class NamingVisitor : ChatEvent.Visitor<String> {
    override fun visitThinkingDelta(event: ChatEvent.ThinkingDelta) = "thinkingDelta:" + event.content
    override fun visitTextDelta(event: ChatEvent.TextDelta) = "textDelta:" + event.content
    override fun visitThinking(event: ChatEvent.Thinking) = "thinking:" + event.content
    override fun visitText(event: ChatEvent.Text) = "text:" + event.content
    override fun visitUserInput(event: ChatEvent.UserInput) = "userInput:" + event.content
    override fun visitToolCall(event: ChatEvent.ToolCall) = "toolCall:" + event.callId
    override fun visitToolResult(event: ChatEvent.ToolResult) = "toolResult:" + event.callId
    override fun visitStop(event: ChatEvent.Stop) = "stop:" + event.isError
    override fun visitUnknown(event: ChatEvent.Unknown) = "unknown:" + event.type
}

class ChatEventVisitorSpec : FunSpec({
    test("accept calls the visitor's method for each event type, with that event") {
        val events = listOf(
            ChatEvent.ThinkingDelta("a"),
            ChatEvent.TextDelta("b"),
            ChatEvent.Thinking("c"),
            ChatEvent.Text("d"),
            ChatEvent.UserInput("e"),
            ChatEvent.ToolCall("c1", "search", JsonObject(emptyMap())),
            ChatEvent.ToolResult("c1", "search", JsonNull),
            ChatEvent.Stop(null, true, Usage()),
            ChatEvent.Unknown("citation", JsonObject(emptyMap())),
        )
        events.map { it.accept(NamingVisitor()) } shouldBe listOf(
            "thinkingDelta:a", "textDelta:b", "thinking:c", "text:d", "userInput:e",
            "toolCall:c1", "toolResult:c1", "stop:true", "unknown:citation",
        )
    }

    test("the visitor has exactly one method per event type (ContentEvent is not a type, only their common shape)") {
        val eventTypes = ChatEvent::class.java.declaredClasses
            .filter { ChatEvent::class.java.isAssignableFrom(it) && !Modifier.isAbstract(it.modifiers) }
            .map { it.simpleName }.toSet()
        val visited = ChatEvent.Visitor::class.java.declaredMethods.map { it.parameterTypes.single().simpleName }
        visited.size shouldBe eventTypes.size
        visited.toSet() shouldBe eventTypes
    }
})

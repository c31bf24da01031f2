package dev.llamachat.java;

import dev.llamachat.ChatEvent;

/**
 * A {@link ChatEvent.Visitor} that returns one line per event: its wire type and what identifies it. Written as a
 * Java user would, without a cast or {@code instanceof}: the compiler checks that every event type is handled.
 */
final class DescribingVisitor implements ChatEvent.Visitor<String> {
    @Override
    public String visitThinkingDelta(ChatEvent.ThinkingDelta event) {
        return "thinking_delta " + event.content();
    }

    @Override
    public String visitTextDelta(ChatEvent.TextDelta event) {
        return "text_delta " + event.content();
    }

    @Override
    public String visitThinking(ChatEvent.Thinking event) {
        return "thinking " + event.content();
    }

    @Override
    public String visitText(ChatEvent.Text event) {
        return "text " + event.content();
    }

    @Override
    public String visitUserInput(ChatEvent.UserInput event) {
        return "user_input " + event.content();
    }

    @Override
    public String visitToolCall(ChatEvent.ToolCall event) {
        return "tool_call " + event.callId() + " " + event.name();
    }

    @Override
    public String visitToolResult(ChatEvent.ToolResult event) {
        return "tool_result " + event.callId() + " " + event.name();
    }

    @Override
    public String visitStop(ChatEvent.Stop event) {
        return "stop " + event.isError();
    }

    @Override
    public String visitUnknown(ChatEvent.Unknown event) {
        return "unknown " + event.type().orElse("(no type)");
    }
}

package dev.llmkit.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the model said: text, tool calls and reasoning. Reasoning blocks are kept verbatim (with their
 * signatures) because some providers require them to be sent back unchanged in the next turn.
 */
public record AssistantMessage(@Nullable String text, List<ToolCall> toolCalls, List<Reasoning> reasoning)
    implements Message {

  public AssistantMessage {
    toolCalls = List.copyOf(toolCalls);
    reasoning = List.copyOf(reasoning);
  }

  public static AssistantMessage of(String text) {
    return new AssistantMessage(text, List.of(), List.of());
  }

  public static AssistantMessage ofToolCalls(List<ToolCall> calls) {
    return new AssistantMessage(null, calls, List.of());
  }

  @Override
  public String role() {
    return "assistant";
  }

  /** The text, or the empty string when the model only called tools. */
  public String textOrEmpty() {
    return text == null ? "" : text;
  }

  /** The reasoning texts joined, empty when the provider returned none. */
  public String reasoningText() {
    StringBuilder sb = new StringBuilder();
    for (Reasoning r : reasoning) {
      sb.append(r.text());
    }
    return sb.toString();
  }
}

package dev.llmkit.api;

import java.util.Objects;

/** The result of running a tool the model called; {@code isError} flags a failed run. */
public record ToolMessage(String toolCallId, String toolName, String content, boolean isError) implements Message {
  public ToolMessage {
    Objects.requireNonNull(toolCallId, "toolCallId");
    Objects.requireNonNull(toolName, "toolName");
    Objects.requireNonNull(content, "content");
  }

  @Override
  public String role() {
    return "tool";
  }
}

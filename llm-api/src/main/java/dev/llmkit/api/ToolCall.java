package dev.llmkit.api;

import java.util.Objects;

/** A call the model made: the provider's call id, the tool name and the arguments as JSON text. */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
  }
}

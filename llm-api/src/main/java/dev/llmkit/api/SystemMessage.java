package dev.llmkit.api;

import java.util.Objects;

/** Instructions for the model; sent as a system (or developer) message or top-level field. */
public record SystemMessage(String text) implements Message {
  public SystemMessage {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String role() {
    return "system";
  }
}

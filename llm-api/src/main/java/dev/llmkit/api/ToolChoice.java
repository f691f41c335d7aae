package dev.llmkit.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Whether and which tool the model must call. */
public record ToolChoice(Mode mode, @Nullable String toolName) {
  public ToolChoice {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.TOOL) != (toolName != null)) {
      throw new IllegalArgumentException("toolName is required for Mode.TOOL and only for it");
    }
  }

  public static ToolChoice auto() {
    return new ToolChoice(Mode.AUTO, null);
  }

  public static ToolChoice none() {
    return new ToolChoice(Mode.NONE, null);
  }

  public static ToolChoice required() {
    return new ToolChoice(Mode.REQUIRED, null);
  }

  public static ToolChoice tool(String name) {
    return new ToolChoice(Mode.TOOL, name);
  }

  /** AUTO: the model decides; NONE: no tool; REQUIRED: some tool; TOOL: the named tool. */
  public enum Mode {
    AUTO,
    NONE,
    REQUIRED,
    TOOL
  }
}

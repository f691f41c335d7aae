package dev.llmkit.api;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool the model may call. {@code parameters} is a JSON Schema object as plain maps, lists, strings,
 * numbers and booleans, so that this module needs no JSON library.
 */
public record ToolSpec(String name, String description, Map<String, Object> parameters) {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "tool name '" + name + "' is invalid: use 1-64 letters, digits, '_' or '-'");
    }
    parameters = Map.copyOf(parameters);
  }

  /** A tool with {@code parameters} as its JSON Schema (usually {@code {"type":"object","properties":{...}}}). */
  public static ToolSpec of(String name, String description, Map<String, Object> parameters) {
    return new ToolSpec(name, description, parameters);
  }
}

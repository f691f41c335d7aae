package dev.llmkit.core.config;

import com.fasterxml.jackson.databind.JsonNode;

/** Names TOML value types for error messages. */
final class TomlTypes {
  private TomlTypes() {}

  /** "a string", "a whole number", "a table"...: the type of {@code node}, never its value. */
  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().isEmpty() ? "an empty string" : "a string";
    }
    if (node.isIntegralNumber()) {
      return "a whole number";
    }
    if (node.isNumber()) {
      return "a decimal number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "a table";
    }
    return "a date or time";
  }
}

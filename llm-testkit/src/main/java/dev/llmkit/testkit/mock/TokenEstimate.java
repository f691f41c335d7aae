package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Rough token counts (four characters a token) for replies that script no usage. Deterministic in
 * the conversation only, so a streamed and a non-streamed request for the same messages report the
 * same usage.
 */
final class TokenEstimate {
  private static final int OVERHEAD = 8;

  private TokenEstimate() {}

  /** The body fields that make up a prompt in any dialect (Gemini's included). */
  private static final List<String> PROMPT_FIELDS =
      List.of("messages", "system", "tools", "contents", "systemInstruction", "generateContentRequest");

  /** Prompt tokens of a request body: the text of its messages, system prompt and tools. */
  static long input(JsonNode body) {
    long chars = 0;
    for (String field : PROMPT_FIELDS) {
      chars += textLength(body.path(field));
    }
    return OVERHEAD + ceilDiv(chars, 4);
  }

  /** Tokens of generated text; at least 1. */
  static long output(long chars) {
    return Math.max(1, ceilDiv(chars, 4));
  }

  private static long textLength(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().length();
    }
    long total = 0;
    if (node.isArray()) {
      for (JsonNode child : node) {
        total += textLength(child);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        // Inline image bytes would dominate the count; real providers bill images separately anyway.
        if (!e.getKey().equals("data") && !e.getKey().equals("url")) {
          total += textLength(e.getValue());
        }
      }
    }
    return total;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}

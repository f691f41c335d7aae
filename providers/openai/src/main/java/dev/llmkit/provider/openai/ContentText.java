package dev.llmkit.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text out of a {@code content} or reasoning field. OpenAI sends a string; Mistral's
 * reasoning models send an array of parts, {@code text} parts for the answer and {@code thinking}
 * parts (themselves arrays of text parts) for the reasoning.
 */
final class ContentText {
  private ContentText() {}

  /** The answer text, or {@code null} when there is none (JSON null, absent, or no text parts). */
  static @Nullable String answer(@Nullable JsonNode content) {
    if (content == null || content.isNull()) {
      return null;
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    return content.isArray() ? joinParts(content, "text") : null;
  }

  /** The reasoning text carried by {@code thinking} parts of an array content, or {@code null}. */
  static @Nullable String thinking(@Nullable JsonNode content) {
    if (content == null || !content.isArray()) {
      return null;
    }
    StringBuilder sb = null;
    for (JsonNode part : content) {
      if ("thinking".equals(part.path("type").asText())) {
        JsonNode thinking = part.get("thinking");
        String text = thinking == null ? null : thinking.isTextual() ? thinking.textValue() : joinParts(thinking, "text");
        if (text != null) {
          sb = sb == null ? new StringBuilder() : sb;
          sb.append(text);
        }
      }
    }
    return sb == null ? null : sb.toString();
  }

  /** The reasoning of a message: {@code reasoning_content} (DeepSeek, vLLM), {@code reasoning} (OpenRouter, newer vLLM) or thinking parts. */
  static @Nullable String reasoning(Wire.Delta delta) {
    if (delta.reasoningContent != null) {
      return delta.reasoningContent;
    }
    JsonNode reasoning = delta.reasoning;
    if (reasoning != null && reasoning.isTextual()) {
      return reasoning.textValue();
    }
    return thinking(delta.content);
  }

  private static @Nullable String joinParts(JsonNode parts, String type) {
    StringBuilder sb = null;
    for (JsonNode part : parts) {
      JsonNode text = part.get("text");
      if (type.equals(part.path("type").asText(type)) && text != null && text.isTextual()) {
        sb = sb == null ? new StringBuilder() : sb;
        sb.append(text.textValue());
      }
    }
    return sb == null ? null : sb.toString();
  }
}

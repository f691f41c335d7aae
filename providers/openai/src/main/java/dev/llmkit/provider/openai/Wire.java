package dev.llmkit.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Chat Completions response and chunk shapes, as small classes {@link WireReader} fills from the
 * body (snake_case names on the wire, unknown fields skipped). Fields whose type varies between
 * servers are {@link JsonNode}s: {@code content} (a string, or Mistral's array of parts),
 * {@code reasoning} and {@code error} (a string or an object).
 */
final class Wire {
  private Wire() {}

  // Classes with fields rather than records, so that the reader can set what a document has and leave the
  // rest null without a constructor call listing every field. Read-only by convention: only WireReader
  // writes the fields.

  /** A whole response or one stream chunk. */
  static final class Completion {
    @Nullable String id;
    @Nullable String model;
    @Nullable List<Choice> choices;
    @Nullable WireUsage usage;
    @Nullable JsonNode error;
    @Nullable XGroq xGroq;
  }

  static final class Choice {
    @Nullable Integer index;
    @Nullable Delta message;
    @Nullable Delta delta;
    @Nullable String finishReason;
  }

  /** A message (non-streaming) or a delta (streaming); they have the same fields. */
  static final class Delta {
    @Nullable JsonNode content;
    @Nullable String refusal;
    @Nullable String reasoningContent;
    @Nullable JsonNode reasoning;
    @Nullable List<WireToolCall> toolCalls;
    @Nullable JsonNode reasoningDetails;
  }

  static final class WireToolCall {
    @Nullable Integer index;
    @Nullable String id;
    @Nullable Function function;
  }

  static final class Function {
    @Nullable String name;
    @Nullable String arguments;
  }

  /** Usage; {@code cost} is OpenRouter's charge in US dollars, bound from the number's own digits. */
  static final class WireUsage {
    @Nullable Long promptTokens;
    @Nullable Long completionTokens;
    @Nullable PromptDetails promptTokensDetails;
    @Nullable CompletionDetails completionTokensDetails;
    @Nullable Long promptCacheHitTokens;
    @Nullable BigDecimal cost;
  }

  static final class PromptDetails {
    @Nullable Long cachedTokens;
    @Nullable Long cacheWriteTokens;
  }

  static final class CompletionDetails {
    @Nullable Long reasoningTokens;
  }

  /** Groq puts the usage of a stream in {@code x_groq.usage} of the last chunk. */
  static final class XGroq {
    @Nullable WireUsage usage;
  }
}

package dev.llmkit.provider.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Chat Completions response and chunk shapes, as small records Jackson binds straight from the
 * body (snake_case names, unknown fields ignored). Fields whose type varies between servers are
 * {@link JsonNode}s: {@code content} (a string, or Mistral's array of parts), {@code reasoning}
 * and {@code error} (a string or an object).
 */
final class Wire {
  private Wire() {}

  // Every record ignores unknown fields itself: with only the mapper's FAIL_ON_UNKNOWN_PROPERTIES off, Jackson
  // still copies each unknown field of a constructor-bound record into a token buffer before dropping it,
  // which was a third of the parse time of a stream chunk (id, object, created, system_fingerprint, logprobs).

  /** A whole response or one stream chunk. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Completion(
      @Nullable String id,
      @Nullable String model,
      @Nullable List<Choice> choices,
      @Nullable WireUsage usage,
      @Nullable JsonNode error,
      @Nullable XGroq xGroq) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Choice(
      @Nullable Integer index,
      @Nullable Delta message,
      @Nullable Delta delta,
      @Nullable String finishReason) {}

  /** A message (non-streaming) or a delta (streaming); they have the same fields. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Delta(
      @Nullable JsonNode content,
      @Nullable String refusal,
      @Nullable String reasoningContent,
      @Nullable JsonNode reasoning,
      @Nullable List<WireToolCall> toolCalls,
      @Nullable JsonNode reasoningDetails) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record WireToolCall(@Nullable Integer index, @Nullable String id, @Nullable Function function) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Function(@Nullable String name, @Nullable String arguments) {}

  /** Usage; {@code cost} is OpenRouter's charge in US dollars, bound from the number's own digits. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record WireUsage(
      @Nullable Long promptTokens,
      @Nullable Long completionTokens,
      @Nullable PromptDetails promptTokensDetails,
      @Nullable CompletionDetails completionTokensDetails,
      @Nullable Long promptCacheHitTokens,
      @Nullable BigDecimal cost) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PromptDetails(@Nullable Long cachedTokens, @Nullable Long cacheWriteTokens) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CompletionDetails(@Nullable Long reasoningTokens) {}

  /** Groq puts the usage of a stream in {@code x_groq.usage} of the last chunk. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record XGroq(@Nullable WireUsage usage) {}
}

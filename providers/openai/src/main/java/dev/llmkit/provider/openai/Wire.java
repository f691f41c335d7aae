package dev.llmkit.provider.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Chat Completions response and chunk shapes, as small classes Jackson binds straight from the
 * body (snake_case names, unknown fields ignored). Fields whose type varies between servers are
 * {@link JsonNode}s: {@code content} (a string, or Mistral's array of parts), {@code reasoning}
 * and {@code error} (a string or an object).
 */
final class Wire {
  private Wire() {}

  // Classes with fields rather than records: Jackson fills fields straight from the tokens, where a record
  // goes through its constructor's property buffer (every absent field looked up as missing, every unknown
  // one copied into a token buffer), which was most of the cost of reading a stream chunk. Unknown fields
  // are skipped. Read-only by convention: only Jackson writes the fields.

  /** A whole response or one stream chunk. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Completion {
    public @Nullable String id;
    public @Nullable String model;
    public @Nullable List<Choice> choices;
    public @Nullable WireUsage usage;
    public @Nullable JsonNode error;
    public @Nullable XGroq xGroq;

    @Nullable String id() {
      return id;
    }

    @Nullable String model() {
      return model;
    }

    @Nullable List<Choice> choices() {
      return choices;
    }

    @Nullable WireUsage usage() {
      return usage;
    }

    @Nullable JsonNode error() {
      return error;
    }

    @Nullable XGroq xGroq() {
      return xGroq;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Choice {
    public @Nullable Integer index;
    public @Nullable Delta message;
    public @Nullable Delta delta;
    public @Nullable String finishReason;

    @Nullable Integer index() {
      return index;
    }

    @Nullable Delta message() {
      return message;
    }

    @Nullable Delta delta() {
      return delta;
    }

    @Nullable String finishReason() {
      return finishReason;
    }
  }

  /** A message (non-streaming) or a delta (streaming); they have the same fields. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Delta {
    public @Nullable JsonNode content;
    public @Nullable String refusal;
    public @Nullable String reasoningContent;
    public @Nullable JsonNode reasoning;
    public @Nullable List<WireToolCall> toolCalls;
    public @Nullable JsonNode reasoningDetails;

    @Nullable JsonNode content() {
      return content;
    }

    @Nullable String refusal() {
      return refusal;
    }

    @Nullable String reasoningContent() {
      return reasoningContent;
    }

    @Nullable JsonNode reasoning() {
      return reasoning;
    }

    @Nullable List<WireToolCall> toolCalls() {
      return toolCalls;
    }

    @Nullable JsonNode reasoningDetails() {
      return reasoningDetails;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class WireToolCall {
    public @Nullable Integer index;
    public @Nullable String id;
    public @Nullable Function function;

    @Nullable Integer index() {
      return index;
    }

    @Nullable String id() {
      return id;
    }

    @Nullable Function function() {
      return function;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Function {
    public @Nullable String name;
    public @Nullable String arguments;

    @Nullable String name() {
      return name;
    }

    @Nullable String arguments() {
      return arguments;
    }
  }

  /** Usage; {@code cost} is OpenRouter's charge in US dollars, bound from the number's own digits. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class WireUsage {
    public @Nullable Long promptTokens;
    public @Nullable Long completionTokens;
    public @Nullable PromptDetails promptTokensDetails;
    public @Nullable CompletionDetails completionTokensDetails;
    public @Nullable Long promptCacheHitTokens;
    public @Nullable BigDecimal cost;

    @Nullable Long promptTokens() {
      return promptTokens;
    }

    @Nullable Long completionTokens() {
      return completionTokens;
    }

    @Nullable PromptDetails promptTokensDetails() {
      return promptTokensDetails;
    }

    @Nullable CompletionDetails completionTokensDetails() {
      return completionTokensDetails;
    }

    @Nullable Long promptCacheHitTokens() {
      return promptCacheHitTokens;
    }

    @Nullable BigDecimal cost() {
      return cost;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class PromptDetails {
    public @Nullable Long cachedTokens;
    public @Nullable Long cacheWriteTokens;

    @Nullable Long cachedTokens() {
      return cachedTokens;
    }

    @Nullable Long cacheWriteTokens() {
      return cacheWriteTokens;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class CompletionDetails {
    public @Nullable Long reasoningTokens;

    @Nullable Long reasoningTokens() {
      return reasoningTokens;
    }
  }

  /** Groq puts the usage of a stream in {@code x_groq.usage} of the last chunk. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class XGroq {
    public @Nullable WireUsage usage;

    @Nullable WireUsage usage() {
      return usage;
    }
  }
}

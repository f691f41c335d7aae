package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Reads Gemini's {@code usageMetadata}. {@code promptTokenCount} already includes the cached
 * {@code cachedContentTokenCount}; {@code candidatesTokenCount} excludes {@code thoughtsTokenCount}, so
 * the output is their sum. {@code toolUsePromptTokenCount} (the results of Google's own tools fed back
 * in) counts as input, so that input plus output is Gemini's {@code totalTokenCount}. A count Gemini
 * leaves out is unknown (null), not 0.
 */
final class UsageMetadata {
  private UsageMetadata() {}

  /** The usage of one {@code usageMetadata} object. */
  static Usage parse(JsonNode usage) {
    Long prompt = count(usage, "promptTokenCount");
    Long toolPrompt = count(usage, "toolUsePromptTokenCount");
    Long candidates = count(usage, "candidatesTokenCount");
    Long thoughts = count(usage, "thoughtsTokenCount");
    return new Usage(sum(prompt, toolPrompt), sum(candidates, thoughts), count(usage, "cachedContentTokenCount"),
        null, thoughts);
  }

  private static @Nullable Long count(JsonNode usage, String field) {
    JsonNode value = usage.get(field);
    return value != null && value.isIntegralNumber() && value.asLong() >= 0 ? Long.valueOf(value.asLong()) : null;
  }

  private static @Nullable Long sum(@Nullable Long a, @Nullable Long b) {
    if (a == null && b == null) {
      return null;
    }
    return (a == null ? 0 : a) + (b == null ? 0 : b);
  }
}

package dev.llmkit.provider.openai;

import dev.llmkit.api.Cost;
import dev.llmkit.api.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Reads Chat Completions usage. {@code prompt_tokens} already includes cached tokens and
 * {@code completion_tokens} includes reasoning, which is what {@link Usage} means by input and output.
 * DeepSeek reports cache hits as {@code prompt_cache_hit_tokens} instead of {@code cached_tokens}.
 * OpenRouter adds the call's {@code cost}.
 */
final class UsageMapping {
  private UsageMapping() {}

  static Usage of(Wire.WireUsage u) {
    Wire.PromptDetails prompt = u.promptTokensDetails;
    Wire.CompletionDetails completion = u.completionTokensDetails;
    Long cacheRead = prompt != null && prompt.cachedTokens != null ? prompt.cachedTokens : u.promptCacheHitTokens;
    return new Usage(
        u.promptTokens,
        u.completionTokens,
        cacheRead,
        prompt == null ? null : prompt.cacheWriteTokens,
        completion == null ? null : completion.reasoningTokens);
  }

  /** The cost the server reported in {@code usage}, or {@code null} (none, or a negative one, which is no price). */
  static @Nullable Cost cost(Wire.@Nullable WireUsage u) {
    return u == null || u.cost == null || u.cost.signum() < 0 ? null : new Cost(u.cost);
  }
}

package dev.llmkit.api;

import java.util.Objects;

/**
 * The rate-limit figures of a response or an error: requests and tokens per window, and, where the
 * provider splits them (Anthropic), input and output tokens. OpenAI-style {@code x-ratelimit-*} and
 * Anthropic's {@code anthropic-ratelimit-*} headers both map here; resets are absolute instants.
 */
public record RateLimits(RateLimit requests, RateLimit tokens, RateLimit inputTokens, RateLimit outputTokens) {

  /** No rate-limit headers were sent. */
  public static final RateLimits NONE =
      new RateLimits(RateLimit.UNKNOWN, RateLimit.UNKNOWN, RateLimit.UNKNOWN, RateLimit.UNKNOWN);

  public RateLimits {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(inputTokens, "inputTokens");
    Objects.requireNonNull(outputTokens, "outputTokens");
  }

  public boolean isEmpty() {
    return requests.isUnknown() && tokens.isUnknown() && inputTokens.isUnknown() && outputTokens.isUnknown();
  }
}

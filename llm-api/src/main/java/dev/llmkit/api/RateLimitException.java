package dev.llmkit.api;

/** The provider refused for rate or quota reasons; {@link #retryAfter()} says how long to wait when known. */
public final class RateLimitException extends LlmException {
  private static final long serialVersionUID = 1L;

  RateLimitException(Builder builder) {
    super(builder);
  }
}

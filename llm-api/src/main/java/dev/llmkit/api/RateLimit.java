package dev.llmkit.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One rate-limit window as the provider reported it in response headers: the limit, what is left,
 * and when the window resets. Each figure is {@code null} when the provider did not send it.
 */
public record RateLimit(@Nullable Long limit, @Nullable Long remaining, @Nullable Instant reset) {

  /** Nothing reported. */
  public static final RateLimit UNKNOWN = new RateLimit(null, null, null);

  public boolean isUnknown() {
    return limit == null && remaining == null && reset == null;
  }
}

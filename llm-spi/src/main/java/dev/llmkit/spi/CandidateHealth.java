package dev.llmkit.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The health of a route candidate as the host sees it: whether its circuit is open (calls refused
 * until it half-opens) and until when it cools down after failures such as rate limits or overload.
 *
 * @param circuitOpen whether the candidate's circuit breaker is open
 * @param cooldownUntil the instant before which the candidate should not be used, or {@code null}
 */
public record CandidateHealth(boolean circuitOpen, @Nullable Instant cooldownUntil) {

  public static final CandidateHealth HEALTHY = new CandidateHealth(false, null);

  /** Whether the candidate may be used at {@code now}: circuit closed and not cooling down. */
  public boolean available(Instant now) {
    return !circuitOpen && !coolingDown(now);
  }

  /** Whether {@code now} is before {@link #cooldownUntil()}. */
  public boolean coolingDown(Instant now) {
    return cooldownUntil != null && now.isBefore(cooldownUntil);
  }
}

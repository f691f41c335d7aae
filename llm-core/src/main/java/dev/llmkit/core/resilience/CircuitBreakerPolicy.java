package dev.llmkit.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * When the circuit of one provider and model opens: after {@code failureThreshold} attempts in a row
 * failed with an error that says the model is unhealthy (a retryable kind: rate limit, server error,
 * overload, timeout, connection failure, conflict, empty response). While open, calls are refused at
 * once with an {@link dev.llmkit.api.ErrorKind#OVERLOADED} error saying until when; after
 * {@code cooldown} it is half-open and lets one probe through at a time; {@code successThreshold}
 * probes that succeed close it, one that fails opens it again. Other errors (a bad request, an
 * authentication failure) show the model answering and count as successes; cancelled calls count as
 * nothing.
 *
 * @param failureThreshold failed attempts in a row that open the circuit; 0 turns the breaker off
 * @param cooldown how long the circuit stays open before a probe is let through
 * @param successThreshold successful probes that close a half-open circuit
 */
public record CircuitBreakerPolicy(int failureThreshold, Duration cooldown, int successThreshold) {

  /**
   * The default: open after 10 failed attempts in a row (more than one call's default 6 attempts, so
   * that a single call uses all its retries), probe after 30 seconds, close after 1 success.
   */
  public static final CircuitBreakerPolicy DEFAULT = new CircuitBreakerPolicy(10, Duration.ofSeconds(30), 1);

  /** No circuit breaker: every call is sent. */
  public static final CircuitBreakerPolicy DISABLED = new CircuitBreakerPolicy(0, Duration.ZERO, 1);

  public CircuitBreakerPolicy {
    Objects.requireNonNull(cooldown, "cooldown");
    if (failureThreshold < 0) {
      throw new IllegalArgumentException("failureThreshold must be 0 (off) or more, was " + failureThreshold);
    }
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must not be negative, was " + cooldown);
    }
    if (successThreshold < 1) {
      throw new IllegalArgumentException("successThreshold must be at least 1, was " + successThreshold);
    }
  }

  /** Opens after {@code failureThreshold} failures in a row and probes after {@code cooldown}. */
  public static CircuitBreakerPolicy of(int failureThreshold, Duration cooldown) {
    return new CircuitBreakerPolicy(failureThreshold, cooldown, 1);
  }

  public boolean enabled() {
    return failureThreshold > 0;
  }
}

package dev.llmkit.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code maxInFlight} attempts in flight to one provider at a time, all its models together (a
 * stream counts until it ends). An attempt beyond that waits, without holding a thread, up to
 * {@code maxWait} for one to finish, and is otherwise refused before anything is sent with an
 * {@link dev.llmkit.api.ErrorKind#OVERLOADED} error that says so.
 *
 * @param maxInFlight attempts in flight at once; 0 for no limit
 * @param maxWait the longest an attempt waits for a free place
 */
public record BulkheadPolicy(int maxInFlight, Duration maxWait) {

  /** The default: no limit. */
  public static final BulkheadPolicy NONE = new BulkheadPolicy(0, Duration.ZERO);

  public BulkheadPolicy {
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxInFlight < 0) {
      throw new IllegalArgumentException("maxInFlight must be 0 (no limit) or more, was " + maxInFlight);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
    }
  }

  /** At most {@code maxInFlight} attempts in flight, the next one refused at once. */
  public static BulkheadPolicy of(int maxInFlight) {
    return new BulkheadPolicy(maxInFlight, Duration.ZERO);
  }

  /** This policy with another longest wait for a free place. */
  public BulkheadPolicy withMaxWait(Duration value) {
    return new BulkheadPolicy(maxInFlight, value);
  }

  public boolean enabled() {
    return maxInFlight > 0;
  }
}

package dev.llmkit.core.resilience;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The places of bulkheads, one per key (a provider id): how many attempts are in flight and who waits
 * for a place. {@link InMemoryBulkheadStore} keeps them in this process.
 */
public interface BulkheadStore {

  /**
   * A place for one attempt in flight to {@code key}: the future completes with {@code true} at once
   * when there is room or when a place frees up within {@code maxWait}, and with {@code false} when
   * none did. Cancelling the future gives up the wait. A {@code true} must be {@link #release}d.
   */
  CompletableFuture<Boolean> acquire(String key, int maxInFlight, Duration maxWait);

  /** Frees a place taken with {@link #acquire}, handing it to the longest waiter if there is one. */
  void release(String key);

  /** Attempts in flight to {@code key} now. */
  int inFlight(String key);
}

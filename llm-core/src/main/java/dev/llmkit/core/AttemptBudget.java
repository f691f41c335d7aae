package dev.llmkit.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many attempts one call may make in all, across retries and fallbacks. A routing Llm gives each
 * routed call one budget and hands it to every candidate it tries: the candidate's retries draw from
 * it, so a fallback never starts a fresh retry cycle, and the routed call sends at most {@link #max()}
 * requests whatever the candidates' own {@code numRetries}. Retries of a stale pooled connection (the
 * request never reached the server) are free, as they are of {@code numRetries}. Thread-safe.
 */
public final class AttemptBudget {
  private final int max;
  private final AtomicInteger used = new AtomicInteger();

  private AttemptBudget(int max) {
    this.max = max;
  }

  /** A budget of {@code max} attempts, at least 1. */
  public static AttemptBudget of(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("an attempt budget needs at least 1 attempt, got " + max);
    }
    return new AttemptBudget(max);
  }

  /** Takes one attempt; {@code false} when all are spent. */
  public boolean tryTake() {
    int now;
    do {
      now = used.get();
      if (now >= max) {
        return false;
      }
    } while (!used.compareAndSet(now, now + 1));
    return true;
  }

  public int max() {
    return max;
  }

  public int used() {
    return used.get();
  }

  public int remaining() {
    return max - used.get();
  }

  @Override
  public String toString() {
    return "AttemptBudget[" + used() + " of " + max + " used]";
  }
}

package dev.llmkit.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Totals over all calls of an {@link Llm} instance plus the most recent per-call records (the oldest
 * are dropped beyond a bound so that a long-lived instance does not grow without limit).
 */
public record MetricsSnapshot(
    long calls, long failures, Usage usage, Cost cost, Duration totalLatency, List<CallRecord> recentCalls) {

  public MetricsSnapshot {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(totalLatency, "totalLatency");
    recentCalls = List.copyOf(recentCalls);
  }
}

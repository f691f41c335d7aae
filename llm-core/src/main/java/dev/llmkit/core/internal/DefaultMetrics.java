package dev.llmkit.core.internal;

import dev.llmkit.api.CallRecord;
import dev.llmkit.api.Cost;
import dev.llmkit.api.Metrics;
import dev.llmkit.api.MetricsSnapshot;
import dev.llmkit.api.Usage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The per-instance accounting. One lock guards totals and history together so that a snapshot is
 * consistent (no call counted in {@code calls} but missing from {@code usage}). Calls are rare next to
 * the lock's cost, so contention is not a concern.
 */
public final class DefaultMetrics implements Metrics {
  static final int HISTORY = 1_000;

  private final Deque<CallRecord> recent = new ArrayDeque<>();
  private long calls;
  private long failures;
  private Usage usage = Usage.ZERO;
  private Cost cost = Cost.ZERO;
  private Duration latency = Duration.ZERO;

  public synchronized void record(CallRecord call) {
    calls++;
    if (call.failed()) {
      failures++;
    }
    usage = usage.plus(call.usage());
    if (call.cost() != null) {
      cost = cost.plus(call.cost());
    }
    latency = latency.plus(call.latency());
    recent.addLast(call);
    if (recent.size() > HISTORY) {
      recent.removeFirst();
    }
  }

  @Override
  public synchronized MetricsSnapshot snapshot() {
    return new MetricsSnapshot(calls, failures, usage, cost, latency, java.util.List.copyOf(recent));
  }
}

package dev.llmkit.core.internal;

import dev.llmkit.api.CallRecord;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Metrics;
import dev.llmkit.api.MetricsSnapshot;
import dev.llmkit.api.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The per-instance accounting. One lock guards totals and history together so that a snapshot is
 * consistent (no call counted in {@code calls} but missing from {@code usage}), and each record's
 * sequence is taken under it, so records are in sequence order. Calls are rare next to the lock's
 * cost, so contention is not a concern.
 */
public final class DefaultMetrics implements Metrics {
  static final int HISTORY = MetricsSnapshot.RECENT_CALLS;
  // JVM-wide, so that merged snapshots of several instances can still be diffed by sequence.
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Deque<CallRecord> recent = new ArrayDeque<>();
  private long calls;
  private long failures;
  private Usage usage = Usage.ZERO;
  private Cost cost = Cost.ZERO;
  private Duration latency = Duration.ZERO;
  private long lastSequence;

  /**
   * Accounts one call ({@code cacheHit} when the response cache answered it) and returns its record,
   * numbered in this JVM's sequence.
   */
  public synchronized CallRecord record(Instant startedAt, String model, @Nullable String responseId, Usage callUsage,
      @Nullable Cost callCost, Duration callLatency, boolean streamed, @Nullable ErrorKind error,
      @Nullable Duration timeToFirstToken, boolean cacheHit, @Nullable Integer contextWindow) {
    lastSequence = SEQUENCE.incrementAndGet();
    CallRecord call = new CallRecord(startedAt, model, responseId, callUsage, callCost, callLatency, streamed, error,
        timeToFirstToken, lastSequence, cacheHit, contextWindow);
    calls++;
    if (call.failed()) {
      failures++;
    }
    usage = usage.plus(callUsage);
    if (callCost != null) {
      cost = cost.plus(callCost);
    }
    latency = latency.plus(callLatency);
    recent.addLast(call);
    if (recent.size() > HISTORY) {
      recent.removeFirst();
    }
    return call;
  }

  @Override
  public synchronized MetricsSnapshot snapshot() {
    return new MetricsSnapshot(calls, failures, usage, cost, latency, List.copyOf(recent), lastSequence);
  }
}

package dev.llmkit.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Totals over all calls of an {@link Llm} instance (or several, {@link #merge merged}) plus the most
 * recent per-call records: costs, latencies with response ids, usage per call. The oldest records are
 * dropped beyond a bound so that a long-lived instance does not grow without limit; the totals are
 * never dropped. As in the OpenHands LLM module, {@link #merge} adds two snapshots and {@link #diff}
 * gives what happened since a baseline (for the cost of one task or one agent step).
 *
 * @param calls calls accounted, failed ones included (a retried call is one call)
 * @param usage accumulated token usage
 * @param cost accumulated cost of the calls whose price was known
 * @param recentCalls the most recent calls, oldest first
 * @param lastSequence the {@link CallRecord#sequence()} of the newest call accounted (0 for none)
 */
public record MetricsSnapshot(
    long calls, long failures, Usage usage, Cost cost, Duration totalLatency, List<CallRecord> recentCalls,
    long lastSequence) {

  /** The bound on {@link #recentCalls()} that {@link #merge} keeps. */
  public static final int RECENT_CALLS = 1_000;

  public static final MetricsSnapshot EMPTY =
      new MetricsSnapshot(0, 0, Usage.ZERO, Cost.ZERO, Duration.ZERO, List.of(), 0);

  public MetricsSnapshot {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(totalLatency, "totalLatency");
    recentCalls = List.copyOf(recentCalls);
  }

  /** A snapshot whose records carry no sequence. */
  public MetricsSnapshot(long calls, long failures, Usage usage, Cost cost, Duration totalLatency,
      List<CallRecord> recentCalls) {
    this(calls, failures, usage, cost, totalLatency, recentCalls, 0);
  }

  /**
   * What happened after {@code baseline} (an earlier snapshot of the same instances): totals are the
   * exact differences; the per-call records are those accounted after it, as far as this snapshot
   * still holds them. Unlike a diff by list length, this stays right when old records were dropped.
   */
  public MetricsSnapshot diff(MetricsSnapshot baseline) {
    List<CallRecord> after = new ArrayList<>();
    for (CallRecord r : recentCalls) {
      if (r.sequence() > baseline.lastSequence) {
        after.add(r);
      }
    }
    return new MetricsSnapshot(
        Math.max(0, calls - baseline.calls),
        Math.max(0, failures - baseline.failures),
        usage.minus(baseline.usage),
        cost.minus(baseline.cost),
        positive(totalLatency.minus(baseline.totalLatency)),
        after,
        lastSequence);
  }

  /** The sum of this snapshot and {@code other} (e.g. the agent's and the condenser's models). */
  public MetricsSnapshot merge(MetricsSnapshot other) {
    List<CallRecord> all = new ArrayList<>(recentCalls.size() + other.recentCalls.size());
    all.addAll(recentCalls);
    all.addAll(other.recentCalls);
    all.sort(Comparator.comparingLong(CallRecord::sequence).thenComparing(CallRecord::startedAt));
    List<CallRecord> kept = all.size() > RECENT_CALLS ? all.subList(all.size() - RECENT_CALLS, all.size()) : all;
    return new MetricsSnapshot(calls + other.calls, failures + other.failures, usage.plus(other.usage),
        cost.plus(other.cost), totalLatency.plus(other.totalLatency), kept, Math.max(lastSequence, other.lastSequence));
  }

  /** The costs of the recent calls whose price was known, oldest first. */
  public List<Cost> costs() {
    return recentCalls.stream().map(CallRecord::cost).filter(Objects::nonNull).toList();
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}

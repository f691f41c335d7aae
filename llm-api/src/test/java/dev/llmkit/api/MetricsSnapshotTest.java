package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsSnapshotTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  private static CallRecord call(long sequence, String cost) {
    return new CallRecord(T0.plusSeconds(sequence), "m", "r" + sequence, Usage.of(10, 2), Cost.usd(cost),
        Duration.ofMillis(100), false, null, null, sequence);
  }

  /** A snapshot of {@code n} calls of $0.01 each, keeping only the last {@code kept} records, as an instance does. */
  private static MetricsSnapshot after(int n, int kept) {
    List<CallRecord> recent = new ArrayList<>();
    for (int i = Math.max(1, n - kept + 1); i <= n; i++) {
      recent.add(call(i, "0.01"));
    }
    return new MetricsSnapshot(n, 0, new Usage(10L * n, 2L * n, null, null, null),
        new Cost(new java.math.BigDecimal("0.01").multiply(java.math.BigDecimal.valueOf(n))),
        Duration.ofMillis(100L * n), recent, n);
  }

  @Test
  void diff_gives_what_happened_after_the_baseline_even_when_old_records_were_dropped() {
    MetricsSnapshot baseline = after(1_500, 1_000);
    MetricsSnapshot now = after(1_503, 1_000);

    MetricsSnapshot step = now.diff(baseline);

    assertThat(step.calls()).isEqualTo(3);
    assertThat(step.cost()).isEqualTo(Cost.usd("0.03"));
    assertThat(step.usage()).isEqualTo(new Usage(30L, 6L, null, null, null));
    assertThat(step.totalLatency()).isEqualTo(Duration.ofMillis(300));
    assertThat(step.recentCalls()).extracting(CallRecord::sequence).containsExactly(1_501L, 1_502L, 1_503L);
    assertThat(step.costs()).containsExactly(Cost.usd("0.01"), Cost.usd("0.01"), Cost.usd("0.01"));
  }

  @Test
  void diff_against_itself_is_empty() {
    MetricsSnapshot s = after(5, 1_000);

    MetricsSnapshot none = s.diff(s);

    assertThat(none.calls()).isZero();
    assertThat(none.cost()).isEqualTo(Cost.ZERO);
    assertThat(none.recentCalls()).isEmpty();
  }

  @Test
  void merge_adds_totals_and_interleaves_records_by_sequence() {
    MetricsSnapshot agent = new MetricsSnapshot(2, 1, Usage.of(20, 4), Cost.usd("0.02"), Duration.ofMillis(200),
        List.of(call(1, "0.01"), call(4, "0.01")), 4);
    MetricsSnapshot condenser = new MetricsSnapshot(1, 0, Usage.of(10, 2), Cost.usd("0.005"), Duration.ofMillis(50),
        List.of(call(2, "0.005")), 2);

    MetricsSnapshot all = agent.merge(condenser);

    assertThat(all.calls()).isEqualTo(3);
    assertThat(all.failures()).isEqualTo(1);
    assertThat(all.cost()).isEqualTo(Cost.usd("0.025"));
    assertThat(all.usage()).isEqualTo(new Usage(30L, 6L, null, null, null));
    assertThat(all.recentCalls()).extracting(CallRecord::sequence).containsExactly(1L, 2L, 4L);
    assertThat(all.lastSequence()).isEqualTo(4);
    assertThat(all.diff(agent).recentCalls()).isEmpty(); // nothing after sequence 4
  }

  @Test
  void merge_keeps_the_newest_records_within_the_bound() {
    MetricsSnapshot a = after(900, 1_000);
    MetricsSnapshot b = new MetricsSnapshot(200, 0, Usage.ZERO, Cost.ZERO, Duration.ZERO,
        java.util.stream.LongStream.rangeClosed(901, 1_100).mapToObj(i -> call(i, "0")).toList(), 1_100);

    MetricsSnapshot all = a.merge(b);

    assertThat(all.recentCalls()).hasSize(MetricsSnapshot.RECENT_CALLS);
    assertThat(all.recentCalls().get(0).sequence()).isEqualTo(101);
  }
}

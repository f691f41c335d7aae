package dev.llmkit.benchmarks;

import java.util.Arrays;

/** Percentiles of a set of durations in nanoseconds. */
record Percentiles(double p50Micros, double p99Micros, double meanMicros) {

  static Percentiles of(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
    return new Percentiles(at(sorted, 0.50) / 1_000.0, at(sorted, 0.99) / 1_000.0, mean / 1_000.0);
  }

  private static double at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}

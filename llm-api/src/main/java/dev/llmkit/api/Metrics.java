package dev.llmkit.api;

/**
 * The accounting of one {@link Llm} instance: every call, failed calls included, with its usage,
 * cost and latency. Thread-safe; a retried call is one call.
 */
public interface Metrics {

  /** A consistent copy of the totals and the most recent calls. */
  MetricsSnapshot snapshot();
}

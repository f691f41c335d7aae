package dev.llmkit.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call as accounted: when it started, the model, the provider's response id (if any), usage,
 * cost, latency, the error kind when it failed, and for a stream the time to its first event.
 *
 * @param sequence the record's place among all calls accounted in this JVM, increasing; what
 *     {@link MetricsSnapshot#diff} uses to tell which calls came after a baseline
 * @param cacheHit the response cache answered the call: no provider exchange, no tokens billed, cost zero
 */
public record CallRecord(
    Instant startedAt,
    String model,
    @Nullable String responseId,
    Usage usage,
    @Nullable Cost cost,
    Duration latency,
    boolean streamed,
    @Nullable ErrorKind error,
    @Nullable Duration timeToFirstToken,
    long sequence,
    boolean cacheHit) {

  public CallRecord {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(latency, "latency");
  }

  /** A record of a call the provider answered (not the response cache). */
  public CallRecord(Instant startedAt, String model, @Nullable String responseId, Usage usage, @Nullable Cost cost,
      Duration latency, boolean streamed, @Nullable ErrorKind error, @Nullable Duration timeToFirstToken, long sequence) {
    this(startedAt, model, responseId, usage, cost, latency, streamed, error, timeToFirstToken, sequence, false);
  }

  /** A record without a time to first token (a non-streaming call). */
  public CallRecord(Instant startedAt, String model, @Nullable String responseId, Usage usage, @Nullable Cost cost,
      Duration latency, boolean streamed, @Nullable ErrorKind error) {
    this(startedAt, model, responseId, usage, cost, latency, streamed, error, null, 0, false);
  }

  public boolean failed() {
    return error != null;
  }
}

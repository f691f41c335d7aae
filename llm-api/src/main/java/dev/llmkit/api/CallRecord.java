package dev.llmkit.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call as accounted: when it started, the model, the provider's response id (if any), usage,
 * cost, latency, and the error kind when it failed.
 */
public record CallRecord(
    Instant startedAt,
    String model,
    @Nullable String responseId,
    Usage usage,
    @Nullable Cost cost,
    Duration latency,
    boolean streamed,
    @Nullable ErrorKind error) {

  public CallRecord {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(latency, "latency");
  }

  public boolean failed() {
    return error != null;
  }
}

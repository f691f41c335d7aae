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
 * @param contextWindow the model's context window in tokens when known (OpenHands' {@code context_window}),
 *     so that {@link #perTurnTokens()} can be read against it
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
    boolean cacheHit,
    @Nullable Integer contextWindow) {

  public CallRecord {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(latency, "latency");
  }

  /** A record without the model's context window. */
  public CallRecord(Instant startedAt, String model, @Nullable String responseId, Usage usage, @Nullable Cost cost,
      Duration latency, boolean streamed, @Nullable ErrorKind error, @Nullable Duration timeToFirstToken, long sequence,
      boolean cacheHit) {
    this(startedAt, model, responseId, usage, cost, latency, streamed, error, timeToFirstToken, sequence, cacheHit, null);
  }

  /** A record of a call the provider answered (not the response cache). */
  public CallRecord(Instant startedAt, String model, @Nullable String responseId, Usage usage, @Nullable Cost cost,
      Duration latency, boolean streamed, @Nullable ErrorKind error, @Nullable Duration timeToFirstToken, long sequence) {
    this(startedAt, model, responseId, usage, cost, latency, streamed, error, timeToFirstToken, sequence, false, null);
  }

  /** A record without a time to first token (a non-streaming call). */
  public CallRecord(Instant startedAt, String model, @Nullable String responseId, Usage usage, @Nullable Cost cost,
      Duration latency, boolean streamed, @Nullable ErrorKind error) {
    this(startedAt, model, responseId, usage, cost, latency, streamed, error, null, 0, false, null);
  }

  /**
   * The tokens of this turn, prompt plus completion (OpenHands' {@code per_turn_token}): how much of the
   * {@link #contextWindow()} the conversation filled at this call; 0 when the provider reported none.
   */
  public long perTurnTokens() {
    long input = usage.inputTokens() == null ? 0 : usage.inputTokens();
    long output = usage.outputTokens() == null ? 0 : usage.outputTokens();
    return input + output;
  }

  public boolean failed() {
    return error != null;
  }
}

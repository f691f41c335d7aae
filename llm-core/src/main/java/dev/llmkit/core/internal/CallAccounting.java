package dev.llmkit.core.internal;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.llmkit.api.CallRecord;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Every finished call, failed ones included, goes into the instance's {@link DefaultMetrics}
 * and the host's Dropwizard registry ({@code llmkit.<provider>.calls}, {@code .failures},
 * {@code .latency}, {@code .time-to-first-token}, {@code .tokens.input}, {@code .tokens.output}).
 */
public final class CallAccounting {
  private final DefaultMetrics metrics;
  private final MetricRegistry registry;
  private final Clock clock;
  private final ModelInfo model;
  private final String prefix;
  // Looked up once: by name on every call would build strings and hash them on the hot path.
  private final Meter calls;
  private final Timer latencyTimer;
  private final Timer timeToFirstToken;
  private final Counter inputTokens;
  private final Counter outputTokens;

  public CallAccounting(DefaultMetrics metrics, MetricRegistry registry, Clock clock, ModelInfo model) {
    this.metrics = metrics;
    this.registry = registry;
    this.clock = clock;
    this.model = model;
    this.prefix = MetricRegistry.name("llmkit", model.provider());
    this.calls = registry.meter(MetricRegistry.name(prefix, "calls"));
    this.latencyTimer = registry.timer(MetricRegistry.name(prefix, "latency"));
    this.timeToFirstToken = registry.timer(MetricRegistry.name(prefix, "time-to-first-token"));
    this.inputTokens = registry.counter(MetricRegistry.name(prefix, "tokens", "input"));
    this.outputTokens = registry.counter(MetricRegistry.name(prefix, "tokens", "output"));
  }

  /** The start of a call, for its latency. */
  public long start() {
    return System.nanoTime();
  }

  /** Records a success and returns the response with its measured latency. */
  public ChatResponse succeeded(long startNanos, ChatResponse response, boolean streamed) {
    Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
    ChatResponse timed = response.withLatency(latency);
    record(new CallRecord(startedAt(latency), response.model(), emptyToNull(response.id()), response.usage(),
        response.cost(), latency, streamed, null));
    return timed;
  }

  /**
   * Records a failure with its latency and kind, and the usage of what arrived before it (a stream cut
   * short has usually been billed for the tokens it did send).
   */
  public void failed(long startNanos, Throwable error, boolean streamed) {
    Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
    ErrorKind kind = error instanceof LlmException e ? e.kind() : ErrorKind.UNKNOWN;
    Usage usage = error instanceof LlmException e ? e.partialResponse().map(ChatResponse::usage).orElse(Usage.UNKNOWN)
        : Usage.UNKNOWN;
    record(new CallRecord(startedAt(latency), model.name(), null, usage, null, latency, streamed, kind));
    registry.meter(MetricRegistry.name(prefix, "failures", kind.name().toLowerCase(java.util.Locale.ROOT))).mark();
  }

  /** The first streamed token arrived. */
  public void firstToken(long startNanos) {
    timeToFirstToken.update(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  private void record(CallRecord call) {
    metrics.record(call);
    calls.mark();
    latencyTimer.update(call.latency().toNanos(), TimeUnit.NANOSECONDS);
    Usage u = call.usage();
    if (u.inputTokens() != null) {
      inputTokens.inc(u.inputTokens());
    }
    if (u.outputTokens() != null) {
      outputTokens.inc(u.outputTokens());
    }
  }

  private Instant startedAt(Duration latency) {
    return clock.instant().minus(latency);
  }

  private static @org.jspecify.annotations.Nullable String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}

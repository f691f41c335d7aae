package dev.llmkit.core.internal;

import com.codahale.metrics.Counter;
import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.Usage;
import dev.llmkit.core.LlmCall;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Every finished call, failed ones included, goes into the instance's {@link DefaultMetrics} and the
 * host's Dropwizard registry, named {@code llm.<provider>.<model>.<metric>}: meters {@code requests} and
 * {@code errors.<kind>}, timers {@code latency} and {@code time-to-first-token}, counters
 * {@code tokens.input|output|cache-read|cache-write|reasoning} and {@code cost.micro-usd}.
 */
public final class CallAccounting {
  private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

  private final DefaultMetrics metrics;
  private final MetricRegistry registry;
  private final Clock clock;
  private final ModelInfo model;
  private final String prefix;
  // Looked up once: by name on every call would build strings and hash them on the hot path.
  private final Meter requests;
  private final Timer latencyTimer;
  private final Timer timeToFirstToken;
  private final Counter inputTokens;
  private final Counter outputTokens;
  private final Counter cacheReadTokens;
  private final Counter cacheWriteTokens;
  private final Counter reasoningTokens;
  private final Counter costMicros;
  private BigDecimal costTotal = BigDecimal.ZERO; // guarded by this; exact, so the micro-USD counter never drifts

  public CallAccounting(DefaultMetrics metrics, MetricRegistry registry, Clock clock, ModelInfo model) {
    this.metrics = metrics;
    this.registry = registry;
    this.clock = clock;
    this.model = model;
    this.prefix = MetricRegistry.name("llm", model.provider(), model.name());
    this.requests = registry.meter(MetricRegistry.name(prefix, "requests"));
    this.latencyTimer = registry.timer(MetricRegistry.name(prefix, "latency"), CallAccounting::timer);
    this.timeToFirstToken = registry.timer(MetricRegistry.name(prefix, "time-to-first-token"), CallAccounting::timer);
    this.inputTokens = registry.counter(MetricRegistry.name(prefix, "tokens", "input"));
    this.outputTokens = registry.counter(MetricRegistry.name(prefix, "tokens", "output"));
    this.cacheReadTokens = registry.counter(MetricRegistry.name(prefix, "tokens", "cache-read"));
    this.cacheWriteTokens = registry.counter(MetricRegistry.name(prefix, "tokens", "cache-write"));
    this.reasoningTokens = registry.counter(MetricRegistry.name(prefix, "tokens", "reasoning"));
    this.costMicros = registry.counter(MetricRegistry.name(prefix, "cost", "micro-usd"));
  }

  /**
   * A timer with the lock-free form of the default reservoir: the same exponentially decaying sample,
   * without the lock and sorted map the default takes on every update (about a microsecond a call, and
   * contended when many threads call one model).
   */
  private static Timer timer() {
    return new Timer(LockFreeExponentiallyDecayingReservoir.builder().build());
  }

  /** The start of a call, for its latency. */
  public long start() {
    return System.nanoTime();
  }

  /** Records a success and returns the response with its measured latency. */
  public ChatResponse succeeded(long startNanos, ChatResponse response, boolean streamed, @Nullable Duration firstToken) {
    Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
    record(startedAt(latency), response.model(), emptyToNull(response.id()), response.usage(), response.cost(), latency,
        streamed, null, firstToken);
    return response.withLatency(latency);
  }

  /**
   * Records an answer the response cache served: a call with its (tiny) latency, no tokens and zero cost,
   * since nothing was sent or billed, marked as a cache hit; returns the response with that latency and
   * cost. The Dropwizard request, latency and token metrics describe the provider's traffic and leave it
   * out (the cache stage counts {@code cache.hits} and {@code cache.misses}).
   */
  public ChatResponse cacheHit(long startNanos, ChatResponse response, boolean streamed, @Nullable Duration firstToken) {
    Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
    metrics.record(startedAt(latency), response.model(), emptyToNull(response.id()), Usage.ZERO, Cost.ZERO, latency,
        streamed, null, firstToken, true, model.contextWindow());
    return response.withLatency(latency).withCost(Cost.ZERO);
  }

  /**
   * Records a failure with its latency and kind, and the usage and cost of what arrived before it (a
   * stream cut short has usually been billed for the tokens it did send).
   */
  public void failed(long startNanos, Throwable error, boolean streamed, @Nullable Duration firstToken) {
    Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
    ErrorKind kind = error instanceof LlmException e ? e.kind() : ErrorKind.UNKNOWN;
    ChatResponse partial = error instanceof LlmException e ? e.partialResponse().orElse(null) : null;
    record(startedAt(latency), model.name(), null, partial == null ? Usage.UNKNOWN : partial.usage(),
        partial == null ? null : partial.cost(), latency, streamed, kind, firstToken);
    registry.meter(MetricRegistry.name(prefix, "errors", kind.name().toLowerCase(Locale.ROOT))).mark();
  }

  /** Records a stream the caller cancelled, with the cancellation's reason (a deadline's timeout) when it has one. */
  public void cancelled(LlmCall call, long startNanos, @Nullable Duration firstToken) {
    LlmException why = call.cancellation().reason()
        .orElseGet(() -> LlmException.builder(ErrorKind.CANCELLED, "stream cancelled by the caller").build());
    failed(startNanos, why, true, firstToken);
  }

  /** The first streamed token arrived; returns the time it took. */
  public Duration firstToken(long startNanos) {
    long nanos = System.nanoTime() - startNanos;
    timeToFirstToken.update(nanos, TimeUnit.NANOSECONDS);
    return Duration.ofNanos(nanos);
  }

  private void record(Instant startedAt, String responseModel, @Nullable String responseId, Usage usage,
      @Nullable Cost cost, Duration latency, boolean streamed, @Nullable ErrorKind error, @Nullable Duration firstToken) {
    metrics.record(startedAt, responseModel, responseId, usage, cost, latency, streamed, error, firstToken, false,
        model.contextWindow());
    requests.mark();
    latencyTimer.update(latency.toNanos(), TimeUnit.NANOSECONDS);
    add(inputTokens, usage.inputTokens());
    add(outputTokens, usage.outputTokens());
    add(cacheReadTokens, usage.cacheReadTokens());
    add(cacheWriteTokens, usage.cacheWriteTokens());
    add(reasoningTokens, usage.reasoningTokens());
    if (cost != null && cost.usd().signum() > 0) {
      addCost(cost.usd());
    }
  }

  /** Adds to the micro-USD counter the whole micro-dollars the exact total gained. */
  private synchronized void addCost(BigDecimal usd) {
    long before = costTotal.multiply(MICROS).longValue();
    costTotal = costTotal.add(usd);
    costMicros.inc(costTotal.multiply(MICROS).longValue() - before);
  }

  private static void add(Counter counter, @Nullable Long count) {
    if (count != null) {
      counter.inc(count);
    }
  }

  private Instant startedAt(Duration latency) {
    return clock.instant().minus(latency);
  }

  private static @Nullable String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}

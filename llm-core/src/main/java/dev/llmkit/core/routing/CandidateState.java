package dev.llmkit.core.routing;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.Usage;
import dev.llmkit.core.AttemptBudget;
import dev.llmkit.core.internal.DefaultLlm;
import dev.llmkit.spi.CandidateHealth;
import dev.llmkit.spi.CandidatePrices;
import dev.llmkit.spi.CandidateStats;
import dev.llmkit.spi.RouteCandidate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** One candidate of a routing Llm: its Llm and what the host measured for it. Thread-safe. */
final class CandidateState {
  /** Errors after which a candidate cools down (the deployment is unwell, not the request). */
  static final Set<ErrorKind> COOLDOWN_KINDS = EnumSet.of(ErrorKind.RATE_LIMITED, ErrorKind.OVERLOADED,
      ErrorKind.SERVER_ERROR, ErrorKind.CONNECTION, ErrorKind.TIMEOUT);
  private static final double ALPHA = 0.2;
  private static final Duration WINDOW = Duration.ofMinutes(1);

  final String name;
  final Llm llm;
  /** The candidate's own {@code numRetries}: what its first place in a plan adds to the default attempt budget. */
  final int numRetries;
  final @Nullable CandidatePrices prices;
  private final Clock clock;
  private final Duration cooldown;
  /** Whether the candidate's circuit breaker is open now (its resilience registry says). */
  private final BooleanSupplier circuitOpen;

  private int inFlight;
  private double latencyNanos = -1;
  private double errorRate;
  private @Nullable Instant cooldownUntil;
  /** Start instants of recent calls, and (instant, tokens) of recent finished calls. */
  private final Deque<Instant> starts = new ArrayDeque<>();
  private final Deque<long[]> tokens = new ArrayDeque<>();
  private long tokensInWindow;

  CandidateState(String name, Llm llm, int numRetries, @Nullable CandidatePrices prices, Clock clock, Duration cooldown,
      BooleanSupplier circuitOpen) {
    this.name = name;
    this.numRetries = numRetries;
    this.circuitOpen = circuitOpen;
    this.llm = llm;
    this.prices = prices;
    this.clock = clock;
    this.cooldown = cooldown;
  }

  /** The candidate's call, its retries drawing from the routed call's {@code budget} (an Llm built elsewhere has its own). */
  ChatResponse complete(ChatRequest request, AttemptBudget budget) {
    return llm instanceof DefaultLlm d ? d.complete(request, budget) : llm.complete(request);
  }

  CompletableFuture<ChatResponse> completeAsync(ChatRequest request, AttemptBudget budget) {
    return llm instanceof DefaultLlm d ? d.completeAsync(request, budget) : llm.completeAsync(request);
  }

  ChatStream stream(ChatRequest request, AttemptBudget budget) {
    return llm instanceof DefaultLlm d ? d.stream(request, budget) : llm.stream(request);
  }

  RouteCandidate snapshot() {
    boolean open = circuitOpen.getAsBoolean(); // outside the lock: a shared store may take a round trip
    synchronized (this) {
      Instant now = clock.instant();
      prune(now);
      CandidateHealth health = new CandidateHealth(open, cooldownUntil != null && now.isBefore(cooldownUntil) ? cooldownUntil : null);
      CandidateStats stats = new CandidateStats(inFlight, latencyNanos < 0 ? null : Duration.ofNanos((long) latencyNanos),
          errorRate, starts.size(), tokensInWindow);
      return new RouteCandidate(name, llm.model(), health.available(now), prices, health, stats);
    }
  }

  synchronized void started() {
    inFlight++;
    starts.addLast(clock.instant());
  }

  synchronized void succeeded(Duration latency, Usage usage) {
    inFlight = Math.max(0, inFlight - 1);
    latencyNanos = latencyNanos < 0 ? latency.toNanos() : ALPHA * latency.toNanos() + (1 - ALPHA) * latencyNanos;
    errorRate = (1 - ALPHA) * errorRate;
    Long total = usage.totalTokens();
    if (total != null && total > 0) {
      tokens.addLast(new long[] {clock.millis(), total});
      tokensInWindow += total;
    }
  }

  synchronized void failed(ErrorKind kind, @Nullable Duration retryAfter) {
    inFlight = Math.max(0, inFlight - 1);
    if (kind == ErrorKind.CANCELLED) {
      return;
    }
    errorRate = ALPHA + (1 - ALPHA) * errorRate;
    if (COOLDOWN_KINDS.contains(kind) && !cooldown.isZero()) {
      Duration wait = retryAfter != null && retryAfter.compareTo(cooldown) < 0 ? retryAfter : cooldown;
      Instant until = clock.instant().plus(wait);
      if (cooldownUntil == null || until.isAfter(cooldownUntil)) {
        cooldownUntil = until;
      }
    }
  }

  private void prune(Instant now) {
    Instant from = now.minus(WINDOW);
    while (!starts.isEmpty() && starts.peekFirst().isBefore(from)) {
      starts.removeFirst();
    }
    long fromMillis = from.toEpochMilli();
    while (!tokens.isEmpty() && tokens.peekFirst()[0] < fromMillis) {
      tokensInWindow -= tokens.removeFirst()[1];
    }
  }
}

package dev.llmkit.core.routing;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Metrics;
import dev.llmkit.api.MetricsSnapshot;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.RouteDecision;
import dev.llmkit.api.Usage;
import dev.llmkit.core.AttemptBudget;
import dev.llmkit.core.tokens.TokenCounter;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.RouteOutcome;
import dev.llmkit.spi.RoutePlan;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RoutingRequest;
import dev.llmkit.spi.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Llm} over named candidates: per call it asks the {@link Router} for a {@link RoutePlan},
 * sends the call to the plan's first candidate and, when an attempt fails with an error kind the plan
 * moves on after, to the next one (each candidate at most once per call; a stream only before its first
 * event). Every attempt is reported to the router ({@code onStart}, {@code onOutcome}); the answer
 * carries a {@link RouteDecision} under {@link RouteDecision#KEY}; Dropwizard meters
 * {@code llm.router.<router>.<candidate>.attempts} / {@code .answered} and {@code llm.router.<router>.fallbacks}
 * count decisions; {@link #metrics()} merges the candidates' own metrics.
 *
 * <p>Build one with {@link LlmRouting}. {@link #forConversation} gives a view whose calls carry a
 * conversation key (for routers with sticky decisions). With a deadline
 * ({@link LlmRouting.Builder#deadline}), one deadline bounds a call across all its attempts: no fallback
 * starts after it, and {@code complete} / {@code completeAsync} fail with {@code TIMEOUT} when it
 * passes (a stream only stops falling back). One {@link AttemptBudget} bounds a call's attempts across
 * retries and fallbacks ({@link LlmRouting.Builder#maxAttempts}): a candidate's retries draw from it, so
 * a fallback never restarts the retry cycle, and no fallback starts once it is spent. Thread-safe.
 */
public final class RoutingLlm implements Llm {
  private final Shared shared;
  private final @Nullable String conversationKey;

  /** What every conversation view shares. */
  record Shared(String routerId, Router router, Map<String, CandidateState> states, TokenCounter counter,
      MetricRegistry metricRegistry, Executor executor, System.Logger logger, @Nullable Duration deadline,
      int maxAttempts) {}

  RoutingLlm(Shared shared, @Nullable String conversationKey) {
    this.shared = shared;
    this.conversationKey = conversationKey;
  }

  /** A view of this Llm whose calls belong to conversation {@code key}; it shares candidates, router and metrics. */
  public RoutingLlm forConversation(String key) {
    return new RoutingLlm(shared, java.util.Objects.requireNonNull(key, "key"));
  }

  public @Nullable String conversationKey() {
    return conversationKey;
  }

  public String routerId() {
    return shared.routerId;
  }

  public Router router() {
    return shared.router;
  }

  /** The candidate names, in the config's order. */
  public List<String> candidateNames() {
    return List.copyOf(shared.states.keySet());
  }

  /** The {@link Llm} of candidate {@code name}. */
  public Llm candidate(String name) {
    CandidateState s = shared.states.get(name);
    if (s == null) {
      throw unknownCandidate(name, "");
    }
    return s.llm;
  }

  @Override
  public ChatResponse complete(ChatRequest request) {
    if (shared.deadline != null) {
      return Await.result(completeAsync(request)); // an interrupt cancels the routed call
    }
    Attempts call = plan(request);
    if (!call.plan.delay().isZero()) {
      return Await.result(start(call, request)); // the plan's wait runs on a timer, not on a sleeping caller
    }
    String name = call.plan.first();
    while (true) {
      CandidateState s = call.begin(name);
      long t0 = System.nanoTime();
      try {
        ChatResponse r = s.complete(request, call.budget);
        return call.succeeded(s, elapsed(t0), r);
      } catch (RuntimeException e) {
        LlmException error = asLlmException(e);
        String next = call.failed(s, elapsed(t0), error);
        if (next == null) {
          throw error;
        }
        name = next;
      }
    }
  }

  @Override
  public CompletableFuture<ChatResponse> completeAsync(ChatRequest request) {
    Attempts call;
    try {
      call = plan(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return start(call, request);
  }

  /** Runs a planned call: after the plan's wait (on a timer), its attempts one after another. */
  private CompletableFuture<ChatResponse> start(Attempts call, ChatRequest request) {
    CompletableFuture<ChatResponse> result = new CompletableFuture<>();
    AtomicReference<@Nullable CompletableFuture<ChatResponse>> current = new AtomicReference<>();
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        CompletableFuture<ChatResponse> inner = current.get();
        if (inner != null) {
          inner.cancel(true);
        }
      }
    });
    Duration deadline = shared.deadline;
    if (deadline != null) {
      CompletableFuture.delayedExecutor(deadline.toNanos(), TimeUnit.NANOSECONDS, shared.executor).execute(() -> {
        if (result.completeExceptionally(LlmException.builder(ErrorKind.TIMEOUT, "the routed call did not finish within "
            + deadline.toMillis() + " ms (tried " + call.tried() + ")").build())) {
          CompletableFuture<ChatResponse> inner = current.get();
          if (inner != null) {
            inner.cancel(true);
          }
        }
      });
    }
    Duration delay = call.plan.delay();
    if (delay.isZero()) {
      attemptAsync(call, call.plan.first(), request, result, current);
    } else {
      CompletableFuture.runAsync(() -> attemptAsync(call, call.plan.first(), request, result, current),
          CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, shared.executor));
    }
    return result;
  }

  private void attemptAsync(Attempts call, String name, ChatRequest request, CompletableFuture<ChatResponse> result,
      AtomicReference<@Nullable CompletableFuture<ChatResponse>> current) {
    if (result.isDone()) {
      return;
    }
    CandidateState s;
    CompletableFuture<ChatResponse> inner;
    long t0 = System.nanoTime();
    try {
      s = call.begin(name);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    try {
      inner = s.completeAsync(request, call.budget);
    } catch (RuntimeException e) {
      inner = CompletableFuture.failedFuture(e);
    }
    current.set(inner);
    if (result.isCancelled()) {
      inner.cancel(true);
    }
    inner.whenComplete((r, e) -> {
      if (e == null) {
        try {
          result.complete(call.succeeded(s, elapsed(t0), r));
        } catch (RuntimeException failure) {
          result.completeExceptionally(failure);
        }
        return;
      }
      LlmException error = asLlmException(e);
      String next = result.isCancelled() ? null : call.failed(s, elapsed(t0), error);
      if (next == null) {
        result.completeExceptionally(error);
      } else {
        attemptAsync(call, next, request, result, current);
      }
    });
  }

  @Override
  public ChatStream stream(ChatRequest request) {
    return new RoutedStream(this, request, plan(request));
  }

  @Override
  public Metrics metrics() {
    return () -> {
      MetricsSnapshot total = MetricsSnapshot.EMPTY;
      for (CandidateState s : shared.states.values()) {
        total = total.merge(s.llm.metrics().snapshot());
      }
      return total;
    };
  }

  /** The first candidate's model. */
  @Override
  public ModelInfo model() {
    return first().llm.model();
  }

  /** Counted by the first candidate. */
  @Override
  public OptionalLong countInputTokens(ChatRequest request) {
    return first().llm.countInputTokens(request);
  }

  @Override
  public void close() {
    if (conversationKey != null) {
      return; // a view; the owner closes the candidates
    }
    for (CandidateState s : shared.states.values()) {
      try {
        s.llm.close();
      } catch (RuntimeException e) {
        shared.logger.log(System.Logger.Level.WARNING, "closing candidate " + s.name + " failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "RoutingLlm[" + shared.routerId + " over " + shared.states.keySet() + "]";
  }

  private CandidateState first() {
    return shared.states.values().iterator().next();
  }

  Executor executor() {
    return shared.executor;
  }

  /** Asks the router for the call's plan and checks that it names only known candidates. */
  Attempts plan(ChatRequest request) {
    List<RouteCandidate> candidates = new ArrayList<>(shared.states.size());
    for (CandidateState s : shared.states.values()) {
      candidates.add(s.snapshot());
    }
    long estimate;
    try {
      estimate = shared.counter.count(request);
    } catch (RuntimeException e) {
      estimate = 0;
    }
    RoutingRequest routing = new RoutingRequest(request, estimate, conversationKey, candidates);
    RoutePlan plan;
    try {
      plan = shared.router.plan(routing);
    } catch (LlmException e) {
      throw e;
    } catch (RuntimeException e) {
      throw LlmException.builder(ErrorKind.UNKNOWN, "router '" + shared.routerId + "' failed to plan the call: " + e)
          .cause(e).build();
    }
    if (plan == null) {
      throw LlmException.builder(ErrorKind.UNKNOWN, "router '" + shared.routerId + "' returned no plan").build();
    }
    for (String name : plan.names()) {
      if (!shared.states.containsKey(name)) {
        throw unknownCandidate(name, "router '" + shared.routerId + "' planned ");
      }
    }
    return new Attempts(plan, AttemptBudget.of(shared.maxAttempts > 0 ? shared.maxAttempts : defaultBudget(plan)));
  }

  /**
   * The first candidate's own attempts (1 + its {@code numRetries}) and one for each other candidate the
   * plan may fall back to: the first model's retries are spent before the fallbacks, which get one try each.
   */
  private int defaultBudget(RoutePlan plan) {
    CandidateState first = shared.states.get(plan.first());
    return 1 + (first == null ? 0 : first.numRetries) + plan.names().size() - 1;
  }

  private LlmException unknownCandidate(String name, String prefix) {
    return LlmException.builder(ErrorKind.CONFIGURATION, prefix + "unknown candidate '" + name
        + "'; the candidates are " + shared.states.keySet()).build();
  }

  /** The attempts of one call: which candidates were tried, and the bookkeeping around each. */
  final class Attempts {
    final RoutePlan plan;
    /** Every attempt of the call, first tries, retries and fallbacks, draws from this one budget. */
    final AttemptBudget budget;
    private final long startNanos = System.nanoTime();
    private final Set<String> tried = new LinkedHashSet<>();
    private @Nullable RouteCandidate current;

    Attempts(RoutePlan plan, AttemptBudget budget) {
      this.plan = plan;
      this.budget = budget;
    }

    ChatStream stream(CandidateState s, ChatRequest request) {
      return s.stream(request, budget);
    }

    /** Whether the routing deadline has passed: no attempt starts after it. */
    boolean expired() {
      Duration deadline = shared.deadline;
      return deadline != null && System.nanoTime() - startNanos >= deadline.toNanos();
    }

    synchronized List<String> tried() {
      return List.copyOf(tried);
    }

    synchronized CandidateState begin(String name) {
      CandidateState s = shared.states.get(name);
      if (s == null) {
        throw unknownCandidate(name, "router '" + shared.routerId + "' planned ");
      }
      tried.add(name);
      budget.tryTake(); // never refused: failed() moves on only while some remains
      RouteCandidate snapshot = s.snapshot();
      current = snapshot;
      safely(() -> shared.router.onStart(snapshot));
      s.started();
      shared.metricRegistry.meter(MetricRegistry.name("llm.router", shared.routerId, name, "attempts")).mark();
      return s;
    }

    synchronized ChatResponse succeeded(CandidateState s, Duration latency, ChatResponse response) {
      s.succeeded(latency, response.usage());
      RouteCandidate snapshot = current;
      safely(() -> shared.router.onOutcome(snapshot != null ? snapshot : s.snapshot(),
          RouteOutcome.success(latency, response.usage())));
      shared.metricRegistry.meter(MetricRegistry.name("llm.router", shared.routerId, s.name, "answered")).mark();
      return decorate(response, s.name);
    }

    /** Records a failed attempt; the next candidate to try, or {@code null} to give up. */
    synchronized @Nullable String failed(CandidateState s, Duration latency, LlmException error) {
      return failed(s, latency, error, Usage.UNKNOWN);
    }

    synchronized @Nullable String failed(CandidateState s, Duration latency, LlmException error, Usage usage) {
      s.failed(error.kind(), error.retryAfter().orElse(null));
      RouteCandidate snapshot = current;
      safely(() -> shared.router.onOutcome(snapshot != null ? snapshot : s.snapshot(),
          new RouteOutcome(latency, usage, error.kind())));
      if (error.kind() == ErrorKind.CANCELLED || expired() || budget.remaining() <= 0) {
        return null;
      }
      String next = plan.next(error.kind(), tried);
      if (next != null) {
        shared.metricRegistry.meter(MetricRegistry.name("llm.router", shared.routerId, "fallbacks")).mark();
      }
      return next;
    }

    /** Records a stream that ended (successfully, or cancelled by the caller) without reporting an error kind. */
    synchronized void cancelled(CandidateState s, Duration latency) {
      s.failed(ErrorKind.CANCELLED, null);
      RouteCandidate snapshot = current;
      safely(() -> shared.router.onOutcome(snapshot != null ? snapshot : s.snapshot(),
          RouteOutcome.failure(latency, ErrorKind.CANCELLED)));
    }

    synchronized ChatResponse decorate(ChatResponse response, String name) {
      RouteDecision decision = new RouteDecision(shared.routerId, name, plan.reason(), List.copyOf(tried));
      return response.withMetadata(response.metadata().withAttributes(
          response.metadata().attributes().with(RouteDecision.KEY, decision)));
    }
  }

  private void safely(Runnable routerCallback) {
    try {
      routerCallback.run();
    } catch (RuntimeException e) {
      shared.logger.log(System.Logger.Level.WARNING, "router '" + shared.routerId + "' callback failed", e);
    }
  }

  static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  static LlmException asLlmException(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
      cur = cur.getCause();
    }
    if (cur instanceof LlmException e) {
      return e;
    }
    if (cur instanceof CancellationException) {
      return LlmException.builder(ErrorKind.CANCELLED, "the call was cancelled").cause(cur).build();
    }
    return LlmException.builder(ErrorKind.UNKNOWN, "routed call failed: " + cur).cause(cur).build();
  }
}

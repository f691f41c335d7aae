package dev.llmkit.core.internal;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.Usage;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.resilience.BulkheadPolicy;
import dev.llmkit.core.resilience.BulkheadStore;
import dev.llmkit.core.resilience.CircuitBreakerPolicy;
import dev.llmkit.core.resilience.CircuitBreakerStore;
import dev.llmkit.core.resilience.CircuitState;
import dev.llmkit.core.resilience.RateLimitPolicy;
import dev.llmkit.core.resilience.RateLimitStore;
import dev.llmkit.core.resilience.ResilienceRegistry;
import dev.llmkit.core.tokens.EstimateCounter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Lets one attempt go to the provider, or refuses it before anything is sent: the model's circuit must
 * not be open, the client-side rate limit must have permits for it within its longest wait, and the
 * provider's bulkhead a place within its. Waits hold no thread and end at once when the call is
 * cancelled (the attempt then goes on, and the provider stage refuses the cancelled call). The
 * {@link Permit} an admitted attempt gets is finished with its outcome: the circuit learns it, the
 * bulkhead place is freed, and the token estimate is corrected to the usage reported.
 */
final class AttemptGuard {
  private final ModelInfo model;
  private final String key;
  private final CircuitBreakerPolicy circuitPolicy;
  private final CircuitBreakerStore.@Nullable Circuit circuit;
  private final RateLimitPolicy rateLimit;
  private final RateLimitStore buckets;
  private final BulkheadPolicy bulkhead;
  private final BulkheadStore places;
  private final Clock clock;
  private final Executor executor;
  private final Meter opened;
  private final Meter refusedByCircuit;
  private final Meter refusedByRateLimit;
  private final Meter refusedByBulkhead;

  AttemptGuard(ModelInfo model, CircuitBreakerPolicy circuitPolicy, RateLimitPolicy rateLimit, BulkheadPolicy bulkhead,
      ResilienceRegistry registry, MetricRegistry metrics, Clock clock, Executor executor) {
    this.model = model;
    this.key = ResilienceRegistry.circuitKey(model.provider(), model.name());
    this.circuitPolicy = circuitPolicy;
    this.circuit = circuitPolicy.enabled() ? registry.circuits().circuit(key, circuitPolicy) : null;
    this.rateLimit = rateLimit;
    this.buckets = registry.rateLimits();
    this.bulkhead = bulkhead;
    this.places = registry.bulkheads();
    this.clock = clock;
    this.executor = executor;
    String prefix = MetricRegistry.name("llm", model.provider(), model.name());
    this.opened = metrics.meter(MetricRegistry.name(prefix, "circuit", "opened"));
    this.refusedByCircuit = metrics.meter(MetricRegistry.name(prefix, "rejected", "circuit-open"));
    this.refusedByRateLimit = metrics.meter(MetricRegistry.name(prefix, "rejected", "rate-limit"));
    this.refusedByBulkhead = metrics.meter(MetricRegistry.name(prefix, "rejected", "bulkhead"));
    if (circuit != null) {
      CircuitBreakerStore.Circuit c = circuit;
      metrics.gauge(MetricRegistry.name(prefix, "circuit", "state"), () -> () -> switch (c.state().status()) {
        case CLOSED -> 0;
        case HALF_OPEN -> 1;
        case OPEN -> 2;
      });
    }
  }

  /** Whether a guard has anything to do under these policies. */
  static boolean needed(CircuitBreakerPolicy circuit, RateLimitPolicy rateLimit, BulkheadPolicy bulkhead) {
    return circuit.enabled() || rateLimit.enabled() || bulkhead.enabled();
  }

  /**
   * Admits the attempt of {@code call}, or fails with the refusal (an {@link LlmException} naming the
   * limit, with {@code previous}, the failure of the attempt before, as its cause).
   */
  CompletableFuture<Permit> admit(LlmCall call, @Nullable Throwable previous) {
    if (call.cancellation().isCancelled()) {
      return CompletableFuture.completedFuture(Permit.NONE);
    }
    boolean circuitHeld = false;
    if (circuit != null) {
      if (!circuit.tryAcquirePermit()) {
        refusedByCircuit.mark();
        return CompletableFuture.failedFuture(circuitOpen(circuit.state(), previous));
      }
      circuitHeld = true;
    }
    Permit permit = new Permit(this, circuitHeld);
    if (rateLimit.enabled()) {
      Duration wait;
      try {
        wait = reserve(call, permit, previous);
      } catch (LlmException refused) {
        permit.abandon();
        refusedByRateLimit.mark();
        return CompletableFuture.failedFuture(refused);
      }
      if (!wait.isZero() && !wait.isNegative()) {
        return CallTimer.after(wait, call.cancellation(), executor).thenCompose(v -> place(call, permit, previous));
      }
    }
    return place(call, permit, previous);
  }

  private CompletableFuture<Permit> place(LlmCall call, Permit permit, @Nullable Throwable previous) {
    if (call.cancellation().isCancelled()) {
      permit.abandon(); // never sent: its permits go back
      return CompletableFuture.completedFuture(Permit.NONE);
    }
    if (!bulkhead.enabled()) {
      return CompletableFuture.completedFuture(permit);
    }
    CompletableFuture<Boolean> acquired = places.acquire(model.provider(), bulkhead.maxInFlight(), bulkhead.maxWait());
    if (acquired.isDone() && !acquired.isCompletedExceptionally()) {
      return placed(acquired.join(), call, permit, previous);
    }
    call.cancellation().onCancel(() -> acquired.cancel(false));
    // A place freed by another call's end is handed over on that call's thread: continue on ours.
    return acquired.handleAsync((granted, failure) -> failure == null && granted, executor)
        .thenCompose(granted -> placed(granted, call, permit, previous));
  }

  private CompletableFuture<Permit> placed(boolean granted, LlmCall call, Permit permit, @Nullable Throwable previous) {
    if (!granted) {
      permit.abandon();
      if (call.cancellation().isCancelled()) {
        return CompletableFuture.completedFuture(Permit.NONE);
      }
      refusedByBulkhead.mark();
      return CompletableFuture.failedFuture(LlmException.builder(ErrorKind.OVERLOADED,
              "the bulkhead of provider '" + model.provider() + "' is full: " + bulkhead.maxInFlight()
                  + " calls in flight (BulkheadPolicy.maxInFlight), and none finished within " + bulkhead.maxWait()
                  + "; the call to " + model.qualifiedName() + " was not sent")
          .provider(model.provider()).model(model.name()).cause(previous).build());
    }
    if (call.cancellation().isCancelled()) {
      places.release(model.provider());
      permit.abandon();
      return CompletableFuture.completedFuture(Permit.NONE);
    }
    permit.placeHeld = true;
    return CompletableFuture.completedFuture(permit);
  }

  /** Takes the attempt's request and token permits; returns how long to wait for them, or throws the refusal. */
  private Duration reserve(LlmCall call, Permit permit, @Nullable Throwable previous) {
    Duration wait = Duration.ZERO;
    if (rateLimit.requestsPerMinute() > 0) {
      RateLimitStore.Reservation r = buckets.reserve(key + "/requests", rateLimit.requestsPerMinute(), 1, rateLimit.maxWait());
      if (!r.granted()) {
        throw rateLimited("request", r.delay(), previous);
      }
      permit.requests = 1;
      wait = r.delay();
    }
    if (rateLimit.tokensPerMinute() > 0) {
      Integer maxOutput = call.request().maxOutputTokens();
      long estimate = EstimateCounter.INSTANCE.count(call.request()) + (maxOutput == null ? 0 : maxOutput);
      RateLimitStore.Reservation r = buckets.reserve(key + "/tokens", rateLimit.tokensPerMinute(), estimate,
          rateLimit.maxWait());
      if (!r.granted()) {
        throw rateLimited(estimate + " tokens", r.delay(), previous);
      }
      permit.tokens = estimate;
      wait = wait.compareTo(r.delay()) >= 0 ? wait : r.delay();
    }
    return wait;
  }

  private LlmException rateLimited(String what, Duration needed, @Nullable Throwable previous) {
    return LlmException.builder(ErrorKind.RATE_LIMITED, "client-side rate limit of " + model.qualifiedName() + " ("
            + describe(rateLimit) + "): the call would have to wait " + needed + " for its " + what + ", longer than the "
            + rateLimit.maxWait() + " allowed (RateLimitPolicy.maxWait); it was not sent")
        .provider(model.provider()).model(model.name()).retryAfter(needed).cause(previous).build();
  }

  private static String describe(RateLimitPolicy p) {
    String requests = p.requestsPerMinute() > 0 ? p.requestsPerMinute() + " requests/min" : "";
    String tokens = p.tokensPerMinute() > 0 ? p.tokensPerMinute() + " tokens/min" : "";
    return requests.isEmpty() ? tokens : tokens.isEmpty() ? requests : requests + ", " + tokens;
  }

  private LlmException circuitOpen(CircuitState state, @Nullable Throwable previous) {
    String message;
    Duration remaining = state.remainingOpen();
    if (state.status() == CircuitState.Status.OPEN) {
      message = "the circuit breaker of " + model.qualifiedName() + " is open after " + circuitPolicy.failureThreshold()
          + " failed attempts in a row; calls are refused until " + clock.instant().plus(remaining) + " (in " + remaining
          + "), then one probe call is let through";
    } else {
      message = "the circuit breaker of " + model.qualifiedName() + " is half-open and its probe call is still in"
          + " flight; calls are refused until the probe answers";
    }
    return LlmException.builder(ErrorKind.OVERLOADED, message)
        .provider(model.provider()).model(model.name()).retryAfter(remaining.isZero() ? null : remaining)
        .cause(previous).build();
  }

  private void abandoned(Permit permit) {
    if (permit.circuitHeld && circuit != null) {
      circuit.releasePermit();
    }
    if (permit.requests > 0) {
      buckets.adjust(key + "/requests", rateLimit.requestsPerMinute(), -permit.requests);
    }
    if (permit.tokens > 0) {
      buckets.adjust(key + "/tokens", rateLimit.tokensPerMinute(), -permit.tokens);
    }
    if (permit.placeHeld) {
      places.release(model.provider());
    }
  }

  private void finished(Permit permit, @Nullable ChatResponse response, @Nullable Throwable failure) {
    if (permit.placeHeld) {
      places.release(model.provider());
    }
    if (permit.circuitHeld && circuit != null) {
      if (failure == null) {
        circuit.recordSuccess();
      } else if (failure instanceof LlmException e && e.kind() == ErrorKind.CANCELLED) {
        circuit.releasePermit(); // says nothing of the model
      } else if (RetryRules.retryable(failure)) {
        boolean wasOpen = circuit.state().isOpen();
        circuit.recordFailure();
        if (!wasOpen && circuit.state().isOpen()) {
          opened.mark();
        }
      } else {
        circuit.recordSuccess(); // the model answered, if only to refuse this request
      }
    }
    if (permit.tokens > 0 && response != null) {
      Usage u = response.usage();
      if (u.inputTokens() != null && u.outputTokens() != null) {
        buckets.adjust(key + "/tokens", rateLimit.tokensPerMinute(), u.inputTokens() + u.outputTokens() - permit.tokens);
      }
    }
  }

  /** What one admitted attempt holds; finished (or abandoned) once. */
  static final class Permit {
    /** A permit holding nothing: for calls without a guard, and cancelled ones. */
    static final Permit NONE = new Permit(null, false);
    private final @Nullable AttemptGuard guard;
    private final boolean circuitHeld;
    private volatile boolean placeHeld;
    private volatile long requests;
    private volatile long tokens;
    private final AtomicBoolean finished = new AtomicBoolean();

    private Permit(@Nullable AttemptGuard guard, boolean circuitHeld) {
      this.guard = guard;
      this.circuitHeld = circuitHeld;
    }

    /** The attempt will not be sent: everything goes back. */
    void abandon() {
      AttemptGuard g = guard;
      if (g != null && finished.compareAndSet(false, true)) {
        g.abandoned(this);
      }
    }

    /** The attempt ended: with {@code response}, or with {@code failure} (a cancellation included). */
    void finish(@Nullable ChatResponse response, @Nullable Throwable failure) {
      AttemptGuard g = guard;
      if (g != null && finished.compareAndSet(false, true)) {
        g.finished(this, response, failure);
      }
    }
  }
}

package dev.llmkit.core.internal;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.core.resilience.ResilienceOptions;
import dev.llmkit.core.resilience.ResilienceRegistry;
import dev.llmkit.core.resilience.RetryListener;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Retries, the circuit breaker, the client-side rate limit and the bulkhead, for complete,
 * completeAsync and stream alike. It sits inside the overall deadline (which bounds every attempt and
 * wait) and outside accounting (so that each attempt is recorded once: errors and latency for all,
 * usage and cost for the one that answered), and it runs the stages below it once per attempt.
 *
 * <p>A call's first attempt runs at once; a failed attempt is retried when {@link RetryRules} say so,
 * up to {@code LlmConfig.numRetries} times, after a wait on a timer (no thread held) that a cancel ends
 * at once. Every attempt is first admitted by the {@link AttemptGuard} (circuit, rate limit, bulkhead),
 * whose refusals are final. A stream is retried only until its first event reaches the caller
 * ({@link RetryingStream}); after that a failure ends it with the typed error and the partial response.
 */
final class ResilienceStage implements LlmInterceptor {
  private static final System.Logger LOG = System.getLogger("dev.llmkit.resilience");

  private final RetryRules rules;
  private final ModelInfo model;
  private final List<RetryListener> listeners;
  private final @Nullable AttemptGuard guard;
  private final Executor executor;
  private final Meter retries;

  ResilienceStage(LlmConfig config, ModelInfo model, ResilienceOptions options, ResilienceRegistry registry,
      MetricRegistry metrics, Clock clock, Executor executor) {
    this.rules = new RetryRules(config);
    this.model = model;
    this.listeners = options.retryListeners();
    this.guard = AttemptGuard.needed(options.circuitBreaker(), options.rateLimit(), options.bulkhead())
        ? new AttemptGuard(model, options.circuitBreaker(), options.rateLimit(), options.bulkhead(), registry, metrics,
            clock, executor)
        : null;
    this.executor = executor;
    this.retries = metrics.meter(MetricRegistry.name("llm", model.provider(), model.name(), "retries"));
  }

  /** Whether the stage has anything to do under these settings: retries, or a guard. */
  static boolean needed(LlmConfig config, ResilienceOptions options) {
    return config.numRetries() > 0
        || AttemptGuard.needed(options.circuitBreaker(), options.rateLimit(), options.bulkhead());
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    return new CallRetry<ChatResponse>(this, chain.call(), (call, permit) -> {
      // The permit is finished before the retry decides: a next attempt finds the place and the circuit freed.
      return Futures.whenDone(chain.proceed(call), (response, failure, out) -> {
        permit.finish(response, failure);
        if (failure != null) {
          out.completeExceptionally(failure);
        } else {
          out.complete(response);
        }
      });
    }).start();
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    return new RetryingStream(this, chain, chain.call());
  }

  CompletableFuture<AttemptGuard.Permit> admit(LlmCall call, @Nullable Throwable previous) {
    return guard == null ? CompletableFuture.completedFuture(AttemptGuard.Permit.NONE) : guard.admit(call, previous);
  }

  /** A retry is about to be scheduled: count it and tell the listeners. */
  void retrying(int retry, @Nullable Throwable cause) {
    retries.mark();
    if (listeners.isEmpty() || !(cause instanceof LlmException e)) {
      return;
    }
    for (RetryListener listener : listeners) {
      try {
        listener.onRetry(retry, rules.numRetries, e);
      } catch (RuntimeException ignored) {
        LOG.log(Level.DEBUG, "a retry listener of " + model.qualifiedName() + " failed", ignored);
      }
    }
  }

  RetryRules rules() {
    return rules;
  }

  Executor executor() {
    return executor;
  }

  @Override
  public String toString() {
    return Pipeline.RESILIENCE;
  }
}

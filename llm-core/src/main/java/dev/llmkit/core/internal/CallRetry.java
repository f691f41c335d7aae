package dev.llmkit.core.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.AttemptBudget;
import dev.llmkit.core.LlmCall;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The attempts of one call. The first runs at once, on the caller's thread; only when it fails with an
 * error worth retrying does a Failsafe {@link RetryPolicy} take over, waiting between attempts on
 * {@link CallScheduler} (no thread held, a cancel ends the wait at once). What is retried and how long
 * to wait is decided once per failed attempt, when it fails ({@link #decide}), and read back by the
 * policy; Failsafe's own backoff and jitter are not used, because a server's {@code Retry-After} must
 * be waited exactly.
 *
 * @param <T> what an attempt yields: the response, or for a stream the moment its first event reached the caller
 */
final class CallRetry<T> {

  /** Runs one attempt of {@code call}, admitted with {@code permit}, which it must finish. */
  @FunctionalInterface
  interface Attempt<T> {
    CompletableFuture<T> run(LlmCall call, AttemptGuard.Permit permit);
  }

  /** What to do after a failed attempt; {@code failure} is the error to report if it is the last. */
  private record Decision(Throwable failure, boolean retry, Duration delay) {}

  private final ResilienceStage stage;
  private final LlmCall base;
  private final Attempt<T> attempt;
  private volatile ChatRequest request;
  // Touched only by decide(), which runs once per attempt; attempts run one after another.
  private int counted;
  private int staleRetries;
  private volatile @Nullable Decision last;
  private volatile @Nullable Throwable previous;

  CallRetry(ResilienceStage stage, LlmCall call, Attempt<T> attempt) {
    this.stage = stage;
    this.base = call;
    this.attempt = attempt;
    this.request = call.request();
  }

  /** Runs the call: its first attempt, then retries as long as they are worth it. */
  CompletableFuture<T> start() {
    CompletableFuture<T> result = new CompletableFuture<>();
    runAttempt(1).whenComplete((value, failure) -> {
      Decision d = last;
      if (failure == null) {
        result.complete(value);
      } else if (d == null || !d.retry()) {
        result.completeExceptionally(Futures.unwrap(failure));
      } else {
        retry(d.failure()).whenComplete((v, f) -> {
          if (f == null) {
            result.complete(v);
          } else {
            result.completeExceptionally(Futures.unwrap(f));
          }
        });
      }
    });
    return result;
  }

  private CompletableFuture<T> retry(Throwable firstFailure) {
    RetryPolicy<T> policy = RetryPolicy.<T>builder()
        .handleIf((result, failure) -> failure != null)
        .abortIf((result, failure) -> failure != null && !decisionFor(failure).retry())
        .withMaxRetries(-1) // decide() keeps the count: a stale connection may be retried without counting
        .withDelayFn(context -> decisionFor(context.getLastException()).delay())
        .onRetryScheduled(event -> stage.retrying(event.getAttemptCount(), event.getLastException()))
        .build();
    return Failsafe.with(policy).with(new CallScheduler(base.cancellation(), stage.executor()))
        .getStageAsync(context -> context.getAttemptCount() == 0
            ? CompletableFuture.<T>failedFuture(firstFailure) // the first attempt, already made
            : runAttempt(context.getAttemptCount() + 1));
  }

  private Decision decisionFor(@Nullable Throwable failure) {
    Decision d = last;
    if (d == null || failure == null || Futures.unwrap(failure) != d.failure()) {
      return new Decision(failure == null ? new IllegalStateException("no failure") : failure, false, Duration.ZERO);
    }
    return d;
  }

  /** One attempt: admitted by the guard, run, and its failure decided on before anyone hears of it. */
  private CompletableFuture<T> runAttempt(int number) {
    LlmCall call = request == base.request() ? base : base.withRequest(request);
    if (number > 1) {
      call = call.nonBlocking(); // runs on the executor or the timer's hand-off, which must not block
    }
    CompletableFuture<AttemptGuard.Permit> admitted = stage.admit(call, previous);
    // After a wait for a permit the attempt runs on the executor, where it must not block either.
    LlmCall attemptCall = admitted.isDone() ? call : call.nonBlocking();
    CompletableFuture<T> out = new CompletableFuture<>();
    admitted.whenComplete((permit, refused) -> {
      if (refused != null) {
        Throwable r = Futures.unwrap(refused);
        last = new Decision(r, false, Duration.ZERO); // a refusal before sending is final
        out.completeExceptionally(r);
        return;
      }
      CompletableFuture<T> attempted;
      try {
        attempted = attempt.run(attemptCall, permit);
      } catch (RuntimeException e) {
        permit.finish(null, e);
        attempted = CompletableFuture.failedFuture(e);
      }
      attempted.whenComplete((value, failure) -> {
        if (failure == null) {
          last = null;
          out.complete(value);
        } else {
          Decision d = decide(Futures.unwrap(failure));
          last = d;
          previous = d.failure();
          out.completeExceptionally(d.failure());
        }
      });
    });
    return out;
  }

  /** {@code e} with why it was not retried, for the caller who wonders why a retryable error came back. */
  private static LlmException notRetried(LlmException e, String why) {
    LlmException annotated = e.toBuilder().message(e.getMessage() + " (not retried: " + why + ")").build();
    annotated.setStackTrace(e.getStackTrace());
    return annotated;
  }

  private Decision decide(Throwable failure) {
    RetryRules rules = stage.rules();
    if (base.cancellation().isCancelled() || !RetryRules.retryable(failure)) {
      return new Decision(failure, false, Duration.ZERO);
    }
    LlmException e = (LlmException) failure;
    boolean stale = RetryRules.staleConnection(e);
    if (stale && staleRetries > 0 && staleRetries <= RetryRules.FREE_STALE_RETRIES) {
      staleRetries++; // a stale-connection retry counts against numRetries once per call
      return new Decision(e, true, Duration.ZERO);
    }
    if (counted >= rules.numRetries) {
      return new Decision(e, false, Duration.ZERO);
    }
    Duration wait;
    if (stale) {
      wait = Duration.ZERO; // the request never reached the server: send it again at once
    } else if (e.retryAfter().isPresent()) {
      Duration asked = e.retryAfter().get();
      if (asked.compareTo(rules.maxWait) > 0) {
        LlmException annotated = notRetried(e, "the server asked to wait " + asked + ", longer than retryMaxWait "
            + rules.maxWait);
        return new Decision(annotated, false, Duration.ZERO);
      }
      wait = asked.isNegative() ? Duration.ZERO : asked;
    } else {
      wait = rules.backoff(counted + 1);
    }
    AttemptBudget budget = base.attemptBudget();
    if (budget != null && !budget.tryTake()) {
      return new Decision(notRetried(e, "the call's attempt budget of " + budget.max() + " is spent"), false, Duration.ZERO);
    }
    counted++;
    if (stale) {
      staleRetries++;
    }
    if (RetryRules.isEmptyResponse(e)) {
      Double temperature = request.temperature();
      if (temperature != null && temperature == 0.0) {
        request = request.toBuilder().temperature(1.0).build(); // the same prompt at 0 tends to come back empty again
      }
    }
    return new Decision(e, true, wait);
  }
}

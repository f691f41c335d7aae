package dev.llmkit.spi.support;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Derived futures that keep the one property a call's future must have: cancelling it cancels the
 * source (and so aborts the exchange). {@code thenApply} alone does not propagate a cancel upstream.
 */
public final class CancellableFutures {
  private CancellableFutures() {}

  /** {@code source} mapped by {@code fn}; a failure of {@code fn} fails the result. */
  public static <T, R> CompletableFuture<R> map(CompletableFuture<T> source, Function<? super T, ? extends R> fn) {
    CompletableFuture<R> result = new CompletableFuture<>();
    source.whenComplete((value, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
        return;
      }
      try {
        result.complete(fn.apply(value));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    result.whenComplete((value, failure) -> {
      if (result.isCancelled()) {
        source.cancel(true);
      }
    });
    return result;
  }
}

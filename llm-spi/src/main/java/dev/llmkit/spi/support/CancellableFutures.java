package dev.llmkit.spi.support;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Derived futures that keep the one property a call's future must have: cancelling it cancels the
 * source (and so aborts the exchange). {@code thenApply} alone does not propagate a cancel upstream.
 * Completing such a future from outside ({@code orTimeout}, {@code completeOnTimeout},
 * {@code complete}, {@code completeExceptionally}) cancels the source too, if it is still running.
 */
public final class CancellableFutures {
  private CancellableFutures() {}

  /** {@code source} mapped by {@code fn}; a failure of {@code fn} fails the result. */
  public static <T, R> CompletableFuture<R> map(CompletableFuture<T> source, Function<? super T, ? extends R> fn) {
    Cancelling<R> result = cancelling(source);
    source.whenComplete((value, failure) -> {
      if (result.endedByCancel(failure)) {
        return;
      }
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
    return result;
  }

  /**
   * An empty future whose {@code cancel} cancels {@code source} first, so that whoever the
   * cancellation wakes up finds the source (an HTTP exchange, say) already aborted. The source's
   * completion handler calls {@link Cancelling#endedByCancel} before anything else.
   */
  public static <R> Cancelling<R> cancelling(CompletableFuture<?> source) {
    return new Cancelling<>(source);
  }

  /** See {@link #cancelling}. */
  public static final class Cancelling<R> extends CompletableFuture<R> {
    private final CompletableFuture<?> source;
    private volatile boolean cancelRequested;
    private volatile boolean endedFromOutside;

    private Cancelling(CompletableFuture<?> source) {
      this.source = source;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelRequested = true;
      source.cancel(mayInterruptIfRunning); // aborts first; its completion handler then cancels this future
      return super.cancel(mayInterruptIfRunning) || isCancelled();
    }

    /** Completes this future; from outside (before the source ended) it also cancels the source. */
    @Override
    public boolean complete(R value) {
      if (!source.isDone()) {
        endedFromOutside = true;
        source.cancel(true);
      }
      return super.complete(value);
    }

    /** Fails this future; from outside ({@code orTimeout}, say) it also cancels the source. */
    @Override
    public boolean completeExceptionally(Throwable ex) {
      if (!source.isDone()) {
        endedFromOutside = true;
        source.cancel(true);
      }
      return super.completeExceptionally(ex);
    }

    /**
     * For the source's completion handler: when the source failed because it was cancelled (through
     * this future, or directly; the JDK client reports it wrapped or as its own exception), cancels
     * this future and returns true; the handler then does nothing more.
     */
    public boolean endedByCancel(Throwable failure) {
      if (failure != null && endedFromOutside) {
        return true; // this future was completed from outside; the source's cancellation says nothing new
      }
      if (failure == null || !(cancelRequested || unwrap(failure) instanceof CancellationException)) {
        return false;
      }
      super.cancel(false);
      return true;
    }

    private static Throwable unwrap(Throwable t) {
      return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
  }
}

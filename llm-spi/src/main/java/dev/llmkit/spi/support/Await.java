package dev.llmkit.spi.support;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Blocks on a call's future the way every blocking entry point should: failures come out as
 * {@link LlmException}s (unwrapped from the future's wrapper), an interrupt cancels the call and
 * keeps the thread's interrupt flag, and a timeout cancels the call before reporting it.
 */
public final class Await {
  private Await() {}

  /** Waits without a limit. */
  public static <T> T result(CompletableFuture<T> call) {
    return result(call, null, () -> {
      throw new IllegalStateException("no timeout was set");
    });
  }

  /**
   * Waits at most {@code timeout} (none when {@code null}); on expiry cancels the call (aborting its
   * exchange) and throws what {@code onTimeout} makes.
   */
  public static <T> T result(CompletableFuture<T> call, @Nullable Duration timeout, Supplier<LlmException> onTimeout) {
    try {
      return timeout == null ? call.get() : call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw onTimeout.get();
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw LlmException.builder(ErrorKind.CANCELLED, "interrupted while waiting for the provider").cause(e).build();
    } catch (ExecutionException e) {
      throw asLlmException(e.getCause());
    } catch (CancellationException e) {
      throw LlmException.builder(ErrorKind.CANCELLED, "the call was cancelled").cause(e).build();
    }
  }

  private static LlmException asLlmException(Throwable t) {
    if (t instanceof LlmException e) {
      return e;
    }
    if (t instanceof CancellationException) {
      return LlmException.builder(ErrorKind.CANCELLED, "the call was cancelled").cause(t).build();
    }
    return LlmException.builder(ErrorKind.UNKNOWN, "provider failed: " + t).cause(t).build();
  }
}
